"""factory_boy factories shared by every app's tests."""
import factory
from django.contrib.auth.models import Group

from accounts.models import Department, Ministry, User
from accounts.roles import Role

TEST_PASSWORD = "correct-horse-2569"


class MinistryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ministry
        django_get_or_create = ("name_th",)

    name_th = factory.Sequence(lambda n: f"กระทรวงทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Ministry of Testing {n}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    ministry = factory.SubFactory(MinistryFactory)
    name_th = factory.Sequence(lambda n: f"กรมทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Department of Testing {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.go.th")
    name_prefix_th = "นาย"
    first_name_th = "สมชาย"
    last_name_th = factory.Sequence(lambda n: f"ใจดี{n}")
    name_prefix_en = "Mr"
    first_name_en = "Somchai"
    last_name_en = factory.Sequence(lambda n: f"Jaidee{n}")
    position = "นักวิเคราะห์นโยบายและแผน"
    department = factory.SubFactory(DepartmentFactory)
    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or TEST_PASSWORD)
        if create:
            self.save()

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=[Role(role).value for role in extracted]))
