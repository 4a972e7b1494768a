"""The demo agencies and accounts that `make run` creates, so every role can be tried at once."""
from base64 import b32decode

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from .models import Department, Ministry, User
from .roles import Role

DEMO_AGENCIES = {
    "digital": ("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", "Ministry of Digital Economy and Society",
                "สำนักงานปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",
                "Office of the Permanent Secretary, Ministry of Digital Economy and Society"),
    "interior": ("กระทรวงมหาดไทย", "Ministry of Interior", "กรมการปกครอง", "Department of Provincial Administration"),
    "finance": ("กระทรวงการคลัง", "Ministry of Finance", "กรมบัญชีกลาง", "The Comptroller General's Department"),
}

# username: (role, agency, Thai prefix/first/last, English prefix/first/last, position)
DEMO_PEOPLE = {
    "candidate1": (Role.CANDIDATE, "interior", ("นาย", "สมชาย", "ใจดี"), ("Mr", "Somchai", "Jaidee"),
                   "นักวิเคราะห์นโยบายและแผนชำนาญการ"),
    "candidate2": (Role.CANDIDATE, "finance", ("นางสาว", "สมหญิง", "รักเรียน"), ("Ms", "Somying", "Rakrian"),
                   "นักวิชาการคอมพิวเตอร์ปฏิบัติการ"),
    # Owns the demo case that waits for second marking (portal/demo.py).
    "candidate3": (Role.CANDIDATE, "interior", ("นาง", "พรทิพย์", "สายสุวรรณ"), ("Mrs", "Pornthip", "Saisuwan"),
                   "นักวิเคราะห์นโยบายและแผนชำนาญการพิเศษ"),
    "assessor1": (Role.ASSESSOR, "digital", ("นาง", "วิมลรัตน์", "ศรีสุข"), ("Mrs", "Wimonrat", "Srisuk"),
                  "ผู้อำนวยการกองพัฒนาระบบบริหาร"),
    "assessor2": (Role.ASSESSOR, "finance", ("นาย", "ประเสริฐ", "มั่นคง"), ("Mr", "Prasert", "Mankhong"),
                  "นักวิชาการคอมพิวเตอร์ชำนาญการพิเศษ"),
    "standards1": (Role.STANDARDS_ADMINISTRATOR, "digital", ("นางสาว", "กมลชนก", "วงศ์ไทย"),
                   ("Ms", "Kamonchanok", "Wongthai"), "นักทรัพยากรบุคคลชำนาญการพิเศษ"),
    "hr1": (Role.HR_OFFICER, "interior", ("นาง", "อรุณี", "แสงทอง"), ("Mrs", "Arunee", "Saengthong"),
            "นักทรัพยากรบุคคลชำนาญการ"),
    "coordinator1": (Role.COORDINATOR, "digital", ("นางสาว", "ปิยะนุช", "บุญมา"), ("Ms", "Piyanuch", "Boonma"),
                     "นักทรัพยากรบุคคลชำนาญการ"),
    "moderator1": (Role.MODERATOR, "finance", ("นาย", "ธนพล", "เกียรติวงศ์"), ("Mr", "Thanaphon", "Kiattiwong"),
                   "ผู้เชี่ยวชาญด้านการพัฒนาองค์กร"),
    "admin": (None, "digital", ("นาย", "ผู้ดูแล", "ระบบ"), ("Mr", "System", "Administrator"),
              "ผู้ดูแลระบบ"),
}


# Every demo staff account has an authenticator app set up with this one secret (printed in the README), so a
# demo sign-in asks for a code like any staff sign-in: add it once to an app, or run `manage.py demo_totp_code`.
DEMO_TOTP_SECRET = "DEMODEMODEMODEMODEMODEMODEMODEMO"


def demo_totp_key_hex() -> str:
    return b32decode(DEMO_TOTP_SECRET).hex()


@transaction.atomic
def demo_accounts_ensure(*, password: str | None = None) -> list[User]:
    """Create or refresh the demo agencies and accounts; refuses outside demo mode."""
    if not settings.DEMO_MODE:
        raise ImproperlyConfigured("Demo accounts are only created when DEMO_MODE is on (never in production).")
    password = password or settings.DEMO_PASSWORD
    departments = {}
    for key, (ministry_th, ministry_en, department_th, department_en) in DEMO_AGENCIES.items():
        ministry, _ = Ministry.objects.update_or_create(name_th=ministry_th, defaults={"name_en": ministry_en})
        departments[key], _ = Department.objects.update_or_create(
            ministry=ministry, name_th=department_th, defaults={"name_en": department_en}
        )
    people = []
    for username, (role, agency, name_th, name_en, position) in DEMO_PEOPLE.items():
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "email": f"{username}@demo.go.th",
                "name_prefix_th": name_th[0],
                "first_name_th": name_th[1],
                "last_name_th": name_th[2],
                "name_prefix_en": name_en[0],
                "first_name_en": name_en[1],
                "last_name_en": name_en[2],
                "position": position,
                "department": departments[agency],
                "is_staff": role in (None, Role.STANDARDS_ADMINISTRATOR),
                "is_superuser": role is None,
                "is_active": True,
            },
        )
        user.set_password(password)
        user.save()
        if role is not None:
            user.groups.set([Group.objects.get(name=role.value)])
        if role != Role.CANDIDATE:
            _demo_authenticator_ensure(user)
        people.append(user)
    return people


def _demo_authenticator_ensure(user: User) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.update_or_create(user=user, name="demo authenticator app",
                                        defaults={"key": demo_totp_key_hex(), "confirmed": True})
