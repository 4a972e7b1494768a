"""Every certificate gets its position in the published revocation and suspension lists (Bitstring Status List)."""
from django.db import migrations, models

# As certificates/status_lists.py hands them out; copied, since a migration must not change when that module does.
LIST_SIZE, SPREAD_MULTIPLIER, SPREAD_OFFSET = 131_072, 40_503, 23_130


def index_for(sequence):
    number, offset = divmod(sequence - 1, LIST_SIZE)
    return number * LIST_SIZE + (offset * SPREAD_MULTIPLIER + SPREAD_OFFSET) % LIST_SIZE


def allocate(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    CertificateCounter = apps.get_model("certificates", "CertificateCounter")
    sequence = 0
    for pk in Certificate.objects.order_by("pk").values_list("pk", flat=True):
        sequence += 1
        Certificate.objects.filter(pk=pk).update(status_list_index=index_for(sequence))
    CertificateCounter.objects.update_or_create(series="status-list", year_be=0, defaults={"last_number": sequence})


class Migration(migrations.Migration):

    dependencies = [
        ("certificates", "0006_suspension_and_renewal_notice"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="status_list_index",
            field=models.PositiveIntegerField(editable=False, null=True, verbose_name="status list position"),
        ),
        migrations.RunPython(allocate, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="certificate",
            name="status_list_index",
            field=models.PositiveIntegerField(editable=False, unique=True, verbose_name="status list position"),
        ),
        migrations.AddIndex(
            model_name="certificate",
            index=models.Index(condition=models.Q(("revoked_at__isnull", False)), fields=["status_list_index"],
                               name="certificate_revoked_bits"),
        ),
        migrations.AddIndex(
            model_name="certificate",
            index=models.Index(condition=models.Q(("suspended_until__isnull", False)), fields=["status_list_index"],
                               name="certificate_suspended_bits"),
        ),
    ]
