"""The three judging migrations of second marking, impartiality and appeals, made side by side, meet here."""
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('judging', '0003_decision_second_marker_summary'),
        ('judging', '0003_impartiality_declaration'),
        ('judging', '0003_verdict_amendment'),
    ]

    operations = [
    ]
