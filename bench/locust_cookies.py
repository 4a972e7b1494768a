"""Cookies for locust's FastHttpUser, set as the server would set them (shared by the exam-day locustfiles)."""
import http.cookiejar


def set_cookie(client, host_url: str, name: str, value: str) -> None:
    """For the host exactly as the server sets it, so its own cookies replace this one rather than add to it."""
    host = host_url.split("//", 1)[1].split(":")[0]
    client.cookiejar.set_cookie(http.cookiejar.Cookie(
        0, name, value, None, False, host, False, False, "/", True, False, None, True, None, None, {}))
