"""A real local PKI for the signing tests and the benchmark: certomancer serves a root, an intermediate, the
agency's signing certificate, a time-stamping authority, an OCSP responder and CRLs on loopback.

`LocalPki(directory)` starts it in a child process (`python -m tests.pki DIRECTORY`), which picks a free port,
writes its keys, configuration, the signer's PKCS#12 and the root certificate into the directory, and prints the
port once it serves."""
import datetime
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARCH = "portal-test"
PASSPHRASE = "test-pkcs12-passphrase"
_KEYS = ("root", "interm", "signer", "tsa", "ocsp")

_VALIDITY = {"valid-from": "2020-01-01T00:00:00+0000", "valid-to": "2060-01-01T00:00:00+0000"}


def _key_usage(*usages: str, critical: bool = True) -> dict:
    return {"id": "key_usage", "critical": critical, "smart-value": {"schema": "key-usage", "params": list(usages)}}


def _crl_from(repo: str) -> dict:
    return {"id": "crl_distribution_points", "smart-value": {"schema": "crl-dist-url",
                                                             "params": {"crl-repo-names": [repo]}}}


def configuration(url_prefix: str, key_dir: Path) -> dict:
    """The certomancer configuration: who issues what, and the services that answer for them."""
    ca = {"id": "basic_constraints", "critical": True, "value": {"ca": True}}
    return {
        "external-url-prefix": url_prefix,
        "keysets": {"test": {"path-prefix": str(key_dir),
                             "keys": {name: {"path": f"{name}.key.pem"} for name in _KEYS}}},
        "pki-architectures": {ARCH: {
            "keyset": "test",
            "entity-defaults": {"country-name": "TH", "organization-name": "Portal Test PKI"},
            "entities": {
                "root": {"common-name": "Portal Test Root CA"},
                "interm": {"common-name": "Portal Test Intermediate CA"},
                "signer": {"common-name": "Office of Digital Competency Standards (test)"},
                "tsa": {"common-name": "Portal Test Time-Stamping Authority"},
                "ocsp": {"common-name": "Portal Test OCSP Responder"},
            },
            "certs": {
                "root": {"subject": "root", "issuer": "root", "validity": _VALIDITY,
                         "extensions": [ca, _key_usage("digital_signature", "key_cert_sign", "crl_sign")]},
                "interm": {"issuer": "root", "validity": _VALIDITY,
                           "extensions": [ca, _key_usage("digital_signature", "key_cert_sign", "crl_sign"),
                                          _crl_from("root")]},
                "ocsp": {"issuer": "interm", "validity": _VALIDITY,
                         "extensions": [_key_usage("digital_signature"),
                                        {"id": "extended_key_usage", "critical": True, "value": ["ocsp_signing"]},
                                        {"id": "ocsp_no_check"}]},
                "signer": {"issuer": "interm", "validity": _VALIDITY,
                           "extensions": [_key_usage("digital_signature", "non_repudiation"), _crl_from("interm"),
                                          {"id": "authority_information_access",
                                           "smart-value": {"schema": "aia-urls",
                                                           "params": {"ocsp-responder-names": ["interm"]}}}]},
                "tsa": {"issuer": "root", "validity": _VALIDITY,
                        "extensions": [_key_usage("digital_signature"),
                                       {"id": "extended_key_usage", "critical": True, "value": ["time_stamping"]},
                                       _crl_from("root")]},
            },
            "services": {
                "ocsp": {"interm": {"for-issuer": "interm", "responder-cert": "ocsp", "signing-key": "ocsp"}},
                "crl-repo": {"root": {"for-issuer": "root", "signing-key": "root", "simulated-update-schedule": "P90D"},
                             "interm": {"for-issuer": "interm", "signing-key": "interm",
                                        "simulated-update-schedule": "P30D"}},
                "time-stamping": {"tsa": {"signing-key": "tsa", "signing-cert": "tsa"}},
            },
        }},
    }


@dataclass
class LocalPki:
    """The running PKI: where its files are and the addresses of its services."""

    directory: Path
    process: subprocess.Popen | None = None
    port: int = 0

    def start(self) -> "LocalPki":
        self.directory.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen([sys.executable, "-m", "tests.pki", str(self.directory)], cwd=ROOT,
                                        stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if not line.startswith("serving "):
            self.stop()
            raise RuntimeError(f"the test PKI did not start: {line!r}")
        self.port = int(line.split()[1])
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def tsa_url(self) -> str:
        return f"{self.url}/{ARCH}/tsa/tsa"

    @property
    def pkcs12(self) -> Path:
        return self.directory / "signer.p12"

    @property
    def root_pem(self) -> Path:
        return self.directory / "root.cert.pem"

    passphrase = PASSPHRASE

    def settings(self) -> dict:
        """The portal's settings that make it sign with this PKI's signer and timestamp with its TSA."""
        return {"PDF_SIGNING_PKCS12": str(self.pkcs12), "PDF_SIGNING_PKCS12_PASSPHRASE": PASSPHRASE,
                "PDF_SIGNING_TSA_URL": self.tsa_url, "PDF_SIGNING_TRUST_ROOTS": str(self.root_pem)}


def _write_keys(key_dir: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key_dir.mkdir(parents=True, exist_ok=True)
    for name in _KEYS:
        path = key_dir / f"{name}.key.pem"
        if not path.exists():
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))


def _keys_loaded_once() -> None:
    """A TSA or OCSP responder keeps its keys loaded; certomancer parses and checks one for every response it signs,
    which would make each timestamp here cost a tenth of a second that no real TSA spends."""
    from functools import lru_cache

    from cryptography.hazmat.primitives import serialization

    load = serialization.load_der_private_key

    @lru_cache(maxsize=32)
    def cached(data, password=None, backend=None, **_options):
        return load(data, password, unsafe_skip_rsa_key_validation=True)

    serialization.load_der_private_key = cached


def _certificates_encoded_once() -> None:
    """A TSA or OCSP responder holds its certificates as bytes; certomancer holds them as the objects it built them
    from, which asn1crypto encodes again into every response (the TSA's certificate and its issuer's name, several
    times over): four fifths of each timestamp here, time no real TSA spends. Each is read back from its DER once."""
    from asn1crypto import x509
    from certomancer.registry.pki_arch import PKIArchitecture

    build = PKIArchitecture.get_cert

    def get_cert(self, label):
        encoded = self.__dict__.setdefault("_portal_encoded_certs", {})
        if label not in encoded:
            encoded[label] = x509.Certificate.load(build(self, label).dump())
        return encoded[label]

    PKIArchitecture.get_cert = get_cert


def _serve(directory: Path) -> None:
    _keys_loaded_once()
    _certificates_encoded_once()
    import logging

    import yaml
    from certomancer.integrations.animator import Animator, AnimatorArchStore
    from certomancer.registry import CertomancerConfig
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request would flood the test output
    # Bound first, so the port is known (and ours) before the certificates that name its URLs are made.
    animator = []

    def app(environ, start_response):
        # certomancer stamps responses with microseconds, which RFC 5280 forbids in GeneralizedTime and NSS (pdfsig)
        # rejects; its own clock-override header gives it the time in whole seconds instead.
        now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
        return animator[0]({**environ, "HTTP_X_CERTOMANCER_FAKE_TIME": now.isoformat()}, start_response)

    server = make_server("127.0.0.1", 0, app, threaded=True)
    port = server.server_port
    _write_keys(directory / "keys")
    config_path = directory / "certomancer.yml"
    config_path.write_text(yaml.safe_dump(configuration(f"http://127.0.0.1:{port}", directory / "keys")))
    config = CertomancerConfig.from_file(str(config_path), key_search_dir=str(directory))
    arch = config.get_pki_arch(ARCH)
    (directory / "signer.p12").write_bytes(arch.package_pkcs12("signer", password=PASSPHRASE.encode()))
    from asn1crypto import pem

    (directory / "root.cert.pem").write_bytes(pem.armor("CERTIFICATE", arch.get_cert("root").dump()))
    animator.append(Animator(AnimatorArchStore(config.pki_archs), with_web_ui=False))
    print(f"serving {port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    _serve(Path(sys.argv[1]))


def nss_database(directory: Path, *roots: Path) -> Path:
    """An NSS certificate database (what poppler's pdfsig reads) trusting the given root certificates."""
    import shutil

    assert shutil.which("certutil"), "certutil is missing: install the Debian package libnss3-tools"
    directory.mkdir(parents=True, exist_ok=True)
    subprocess.run(["certutil", "-N", "-d", f"sql:{directory}", "--empty-password"], check=True, capture_output=True)
    for number, root in enumerate(roots):
        subprocess.run(["certutil", "-A", "-d", f"sql:{directory}", "-n", f"trusted-root-{number}", "-t", "CT,C,C",
                        "-a", "-i", str(root)], check=True, capture_output=True)
    return directory


def pdfsig(pdf: bytes, nss: Path, work: Path) -> str:
    """What poppler's pdfsig, an independent validator, says about the PDF's signatures (revocation by OCSP)."""
    import shutil

    assert shutil.which("pdfsig"), "pdfsig is missing: install the Debian package poppler-utils"
    work.mkdir(parents=True, exist_ok=True)
    path = work / "checked-by-pdfsig.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfsig", "-nssdir", f"sql:{nss}", str(path)], capture_output=True, text=True).stdout
