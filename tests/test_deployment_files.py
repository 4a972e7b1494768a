"""Checks that the Dockerfile and docker-compose.yml agree with the settings and entry points they run."""
import ast
import ipaddress
import json
import os
import re
import secrets
import string
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

BASE_DIR = Path(__file__).resolve().parents[1]
SETTINGS_SOURCES = [BASE_DIR / "config" / "settings" / name for name in ("base.py", "production.py")]
SERVICES = ("postgres", "redis", "web", "worker", "beat")
PORTAL_SERVICES = ("web", "worker", "beat")
PRODUCTION = "config.settings.production"

# What a deployer supplies; the compose file refuses to start without them (`${NAME:?message}`).
DEPLOYER_VARIABLES = {
    "POSTGRES_PASSWORD": "compose-test-password",
    "SECRET_KEY": "k" * 30 + "s" * 30,
    "ALLOWED_HOSTS": "portal.example.go.th",
    "PORTAL_BASE_URL": "https://portal.example.go.th",
    "CERTIFICATE_SIGNING_KEY": "-----BEGIN PRIVATE KEY-----test-----END PRIVATE KEY-----",
    "PDF_SIGNING_PKCS12_FILE": "./secrets/pdf-signing.p12",
    "PDF_SIGNING_PKCS12_PASSPHRASE": "compose-test-passphrase",
    "PDF_SIGNING_TSA_URL": "http://tsa.example.go.th/tsr",
}
_VARIABLE = re.compile(r"\$(?:(\$)|\{(\w+)(?:(:?[-?])([^}]*))?\}|(\w+))")
# Every way the settings read a variable: env("X", ...), env.bool("X", ...), env.db("X", ...) and so on.
_SETTINGS_READ = re.compile(r"\benv(?:\.\w+)?\(\s*[\"'](\w+)[\"']")
# The deployed container has no .env (.dockerignore keeps it out), so the subprocesses must not read one either.
_WITHOUT_DOTENV = "import environ\nenviron.Env.read_env = classmethod(lambda cls, *args, **kw: None)\n"


def _interpolate(value, variables):
    """Resolve ${NAME}, ${NAME:-default}, ${NAME:?error} and $$ the way Compose does."""
    if isinstance(value, dict):
        return {key: _interpolate(item, variables) for key, item in value.items()}
    if isinstance(value, list):
        return [_interpolate(item, variables) for item in value]
    if not isinstance(value, str):
        return value

    def resolve(match):
        dollar, name, operator, argument, bare = match.groups()
        if dollar:
            return "$"
        name = name or bare
        present = name in variables and (variables[name] != "" or not (operator or "").startswith(":"))
        if present:
            return variables[name]
        if operator and operator.endswith("?"):
            raise LookupError(f"compose would refuse to start: {argument or name}")
        return argument if operator else ""

    return _VARIABLE.sub(resolve, value)


def _environment(service):
    """A service's environment as a dict, whichever of the two Compose spellings it uses."""
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        return dict(item.split("=", 1) if "=" in item else (item, None) for item in environment)
    return dict(environment)


def _command(service):
    command = service.get("command") or ""
    return " ".join(command) if isinstance(command, list) else command


def _volume_mounts(service):
    """(source, target) for each mount, from either the short "src:dst[:mode]" or the long mapping form."""
    mounts = []
    for volume in service.get("volumes") or []:
        if isinstance(volume, dict):
            mounts.append((volume.get("source"), volume["target"]))
        else:
            source, target, *_mode = volume.split(":")
            mounts.append((source, target))
    return mounts


def _settings_variables():
    return {name for path in SETTINGS_SOURCES for name in _SETTINGS_READ.findall(path.read_text())}


def _dockerfile_instructions():
    """(INSTRUCTION, arguments) pairs, with comments dropped and continuation lines joined."""
    instructions, pending = [], ""
    for line in (BASE_DIR / "Dockerfile").read_text().splitlines():
        if line.strip().startswith("#"):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        line = (pending + line).strip()
        pending = ""
        if line:
            keyword, _, arguments = line.partition(" ")
            instructions.append((keyword.upper(), arguments.strip()))
    return instructions


def _exec_words(arguments):
    """An instruction's words, whether written in exec (JSON) or shell form."""
    if arguments.startswith("["):
        return json.loads(arguments)
    return arguments.split()


def _defines(path, name):
    """Whether a module assigns `name` at its top level."""
    tree = ast.parse(path.read_text())
    return any(
        isinstance(target, ast.Name) and target.id == name
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
    )


def _clean_environment(**overrides):
    """This process's environment minus everything the settings read, plus the given variables."""
    environment = {
        name: value
        for name, value in os.environ.items()
        # The browser tests allow async-unsafe calls in this process; a deployment never does.
        if name not in _settings_variables() and name not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update(overrides)
    return environment


def _run_python(code, environment):
    return subprocess.run(
        [sys.executable, "-c", _WITHOUT_DOTENV + code],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def raw_compose():
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def compose(raw_compose):
    return _interpolate(raw_compose, DEPLOYER_VARIABLES)


@pytest.mark.parametrize("name", SERVICES)
def test_each_service_exists_with_a_healthcheck(compose, name):
    service = compose["services"][name]
    assert service.get("healthcheck", {}).get("test"), f"{name} has no healthcheck"


def test_compose_refuses_to_start_without_the_deployer_secrets(raw_compose):
    for name in DEPLOYER_VARIABLES:
        missing = {key: value for key, value in DEPLOYER_VARIABLES.items() if key != name}
        with pytest.raises(LookupError, match=name):
            _interpolate(raw_compose, missing)


def test_web_migrates_loads_the_unit_then_runs_gunicorn_on_config_wsgi(compose):
    command = _command(compose["services"]["web"])
    migrate = command.index("manage.py migrate --noinput")
    loaddata = command.index("manage.py load_standard")
    gunicorn = command.index("gunicorn config.wsgi:application")
    assert migrate < loaddata < gunicorn
    assert "--bind 0.0.0.0:8000" in command
    assert (BASE_DIR / "fixtures" / "dg_ejjm_026.json").is_file()
    assert _defines(BASE_DIR / "config" / "wsgi.py", "application")


def test_web_healthcheck_probes_healthz_on_the_gunicorn_port(compose):
    probe = " ".join(compose["services"]["web"]["healthcheck"]["test"])
    assert "http://127.0.0.1:8000/healthz" in probe


def test_worker_runs_celery_on_the_config_app(compose):
    assert _command(compose["services"]["worker"]).startswith("celery -A config worker")
    assert "celery -A config inspect ping" in " ".join(compose["services"]["worker"]["healthcheck"]["test"])
    assert _defines(BASE_DIR / "config" / "celery.py", "app")


@pytest.mark.parametrize("name", PORTAL_SERVICES)
def test_portal_services_get_production_settings_and_their_services(compose, name):
    environment = _environment(compose["services"][name])
    for required in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY"):
        assert environment.get(required), f"{name} lacks {required}"
    assert environment["DJANGO_SETTINGS_MODULE"] == PRODUCTION


@pytest.mark.parametrize("name", PORTAL_SERVICES)
def test_every_variable_set_is_one_the_settings_read(compose, name):
    # DJANGO_SETTINGS_MODULE is read by Django itself, not by the settings.
    understood = _settings_variables() | {"DJANGO_SETTINGS_MODULE"}
    ignored = set(_environment(compose["services"][name])) - understood
    assert not ignored, f"{name} sets variables the settings never read: {sorted(ignored)}"


@pytest.mark.parametrize("name", PORTAL_SERVICES)
def test_urls_name_the_compose_services(compose, name):
    service = compose["services"][name]
    environment = _environment(service)
    database = urlsplit(environment["DATABASE_URL"])
    broker = urlsplit(environment["REDIS_URL"])
    assert database.scheme in {"postgres", "postgresql"} and database.hostname == "postgres"
    assert broker.scheme == "redis" and broker.hostname == "redis"
    for dependency in ("postgres", "redis"):
        assert service["depends_on"][dependency]["condition"] == "service_healthy"


def test_web_reads_the_client_address_only_from_its_own_proxy(compose):
    # Without TRUSTED_PROXIES every visitor would have the proxy's address: one lockout or limit for everyone.
    trusted = _environment(compose["services"]["web"])["TRUSTED_PROXIES"]
    proxies = [ipaddress.ip_network(entry.strip(), strict=False) for entry in trusted.split(",") if entry.strip()]
    subnets = [ipaddress.ip_network(pool["subnet"]) for pool in compose["networks"]["default"]["ipam"]["config"]]
    assert proxies and all(any(proxy.subnet_of(subnet) for subnet in subnets) for proxy in proxies)
    assert all(proxy.num_addresses == 1 for proxy in proxies), "only the proxy, not the whole network, is trusted"


def test_web_and_worker_share_the_media_volume_at_media_root(compose):
    mounts = {}
    for name in PORTAL_SERVICES:
        service = compose["services"][name]
        media_root = _environment(service)["MEDIA_ROOT"]
        sources = [source for source, target in _volume_mounts(service) if target == media_root]
        assert len(sources) == 1, f"{name} does not mount a volume at its MEDIA_ROOT {media_root}"
        mounts[name] = (sources[0], media_root)
    assert mounts["web"] == mounts["worker"]
    assert mounts["web"][0] in compose["volumes"], "the media mount is not a named volume"


def test_dockerfile_runs_gunicorn_as_a_non_root_user_with_thai_fonts():
    instructions = _dockerfile_instructions()
    base = next(arguments for keyword, arguments in instructions if keyword == "FROM")
    assert base.startswith("python:3.11-slim-bookworm")
    entry = [
        word
        for keyword, arguments in instructions
        if keyword in {"ENTRYPOINT", "CMD"}
        for word in _exec_words(arguments)
    ]
    assert "gunicorn" in entry and "config.wsgi:application" in entry
    installs = " ".join(
        arguments for keyword, arguments in instructions if keyword == "RUN" and "apt-get install" in arguments
    )
    assert "fonts-thai-tlwg" in installs.split()
    users = [arguments for keyword, arguments in instructions if keyword == "USER"]
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    assert ("EXPOSE", "8000") in instructions


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    patterns = {line.strip().rstrip("/") for line in (BASE_DIR / ".dockerignore").read_text().splitlines()}
    assert {".env", ".venv", "var", ".git"} <= patterns


def test_production_settings_refuse_to_start_without_a_secret_key():
    environment = _clean_environment(DJANGO_SETTINGS_MODULE=PRODUCTION)
    result = _run_python("import django\ndjango.setup()\n", environment)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def _production_environment(tmp_path, **overrides):
    """What a deployer sets, with a signing key made for the test (the local CA's kind) and a passphrase."""
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

    from core.signing_identity import _development_pkcs12

    key, certificate, chain = pkcs12.load_key_and_certificates(_development_pkcs12(), None)
    p12 = tmp_path / "agency.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(b"agency", key, certificate, chain,
                                                          BestAvailableEncryption(b"agency-passphrase")))
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return _clean_environment(**{
        "DJANGO_SETTINGS_MODULE": PRODUCTION,
        "SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(60)),
        "ALLOWED_HOSTS": "portal.example.go.th",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
        "PDF_SIGNING_PKCS12": str(p12), "PDF_SIGNING_PKCS12_PASSPHRASE": "agency-passphrase",
        "PDF_SIGNING_TSA_URL": "http://tsa.example.go.th/tsr", **overrides})


@pytest.mark.parametrize(("overrides", "said"), [
    ({"PDF_SIGNING_PKCS12": ""}, "PDF_SIGNING_PKCS12 is not set"),
    ({"PDF_SIGNING_PKCS12": "/nonexistent/agency.p12"}, "cannot read /nonexistent/agency.p12"),
    ({"PDF_SIGNING_PKCS12_PASSPHRASE": "wrong"}, "PDF_SIGNING_PKCS12_PASSPHRASE is wrong"),
    ({"PDF_SIGNING_TSA_URL": ""}, "PDF_SIGNING_TSA_URL must name"),
], ids=["missing key", "unreadable key", "wrong passphrase", "no time-stamping authority"])
def test_production_settings_refuse_to_start_without_a_working_signing_key(tmp_path, overrides, said):
    result = _run_python("import django\ndjango.setup()\n", _production_environment(tmp_path, **overrides))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and said in result.stderr, result.stderr


def test_production_settings_refuse_a_file_that_is_not_a_signing_key(tmp_path):
    garbage = tmp_path / "not-a-key.p12"
    garbage.write_bytes(b"%PDF-1.7 this is not a PKCS#12 file")
    result = _run_python("import django\ndjango.setup()\n",
                         _production_environment(tmp_path, PDF_SIGNING_PKCS12=str(garbage)))
    assert result.returncode != 0
    assert "it is not a PKCS#12 file" in result.stderr, result.stderr


def test_production_settings_pass_the_deployment_checks(tmp_path):
    environment = _production_environment(tmp_path)
    code = (
        "import runpy, sys\n"
        "sys.argv = ['manage.py', 'check', '--deploy', '--fail-level', 'WARNING']\n"
        "runpy.run_path('manage.py', run_name='__main__')\n"
    )
    result = _run_python(code, environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout


_SHOW_LOCAL_BACKENDS = (
    "import django, json\n"
    "django.setup()\n"
    "from django.conf import settings\n"
    "database = settings.DATABASES['default']\n"
    "print(json.dumps({'engine': database['ENGINE'], 'name': str(database['NAME']),"
    " 'broker': settings.CELERY_BROKER_URL}))\n"
)


def test_local_settings_embed_sqlite_and_a_filesystem_broker():
    environment = _clean_environment(DJANGO_SETTINGS_MODULE="config.settings.local")
    result = _run_python(_SHOW_LOCAL_BACKENDS, environment)
    assert result.returncode == 0, result.stderr
    backends = json.loads(result.stdout.strip().splitlines()[-1])
    assert backends["engine"] == "django.db.backends.sqlite3"
    assert Path(backends["name"]).is_relative_to(BASE_DIR / "var")
    assert backends["broker"].startswith("filesystem://")


def test_local_settings_use_redis_when_redis_url_is_set():
    environment = _clean_environment(
        DJANGO_SETTINGS_MODULE="config.settings.local", REDIS_URL="redis://127.0.0.1:6379/5"
    )
    result = _run_python(_SHOW_LOCAL_BACKENDS, environment)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["broker"] == "redis://127.0.0.1:6379/5"
