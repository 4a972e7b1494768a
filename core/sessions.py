"""The session engine: Django's cached_db (read from Redis, written to both), whose reads survive a Redis outage.

Every request reads the session and few change it, so reading it from Redis spares the database a query on each of
a candidate's answer saves. Django already treats a cache read that fails as a miss and reads the database; here
the copy it then puts back in the cache may fail too, and the session is still served. Saving and ending a
session still fail loudly while Redis is away: one skipped silently could leave Redis holding a session that the
database has changed or ended."""
from contextlib import suppress

from django.contrib.sessions.backends import cached_db
from redis.exceptions import ConnectionError, TimeoutError


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:  # as Django's own: a read that fails is a miss
            data = None
        if data is not None:
            return data
        stored = self._get_session_from_db()
        if stored is None:
            return {}
        data = self.decode(stored.session_data)
        with suppress(ConnectionError, TimeoutError):  # the next read asks the database again
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=stored.expire_date))
        return data
