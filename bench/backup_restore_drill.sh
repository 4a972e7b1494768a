#!/usr/bin/env bash
# Drill: seed a database with a real portfolio, back it up, restore it into a fresh database and media
# folder, and check that the rows and the files came back byte for byte.
# Usage: bash bench/backup_restore_drill.sh   (needs the local PostgreSQL; uses databases dg_drill_*)
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
work=$(mktemp -d)
trap 'rm -rf "$work"; dropdb --if-exists -h 127.0.0.1 -U postgres dg_drill_source; dropdb --if-exists -h 127.0.0.1 -U postgres dg_drill_restored' EXIT
export DJANGO_SETTINGS_MODULE=config.settings.local
for db in dg_drill_source dg_drill_restored; do dropdb --if-exists -h 127.0.0.1 -U postgres $db; createdb -h 127.0.0.1 -U postgres $db; done

export DATABASE_URL=postgres://postgres@127.0.0.1:5432/dg_drill_source MEDIA_ROOT=$work/media-source
$py manage.py migrate -v0 && $py manage.py load_standard -v0 && $py manage.py seed_demo -v0
$py manage.py shell -c "
import sys; sys.path.insert(0, '.')
from accounts.models import User
from assessments.services import case_enrol
from evidence.services import evidence_item_create
from tests.samples import pdf_upload
u = User.objects.get(username='candidate1')
c = case_enrol(candidate=u, unit_code='DG-EJJM-026')
evidence_item_create(case=c, by=u, title='แผนกระบวนงานหลัก', kind='performance', uploads=[pdf_upload()],
                     mappings={c.unit.criteria.first().pk: 'แสดงกระบวนงาน'})
"
backup=$(scripts/backup "$work/backups")
count() { $py manage.py shell -c "
from evidence.models import EvidenceFile; from accounts.models import User; from competency.models import PerformanceCriterion
import hashlib
f = EvidenceFile.objects.get()
print(User.objects.count(), PerformanceCriterion.objects.count(), hashlib.sha256(f.file.open('rb').read()).hexdigest() == f.sha256)
" 2>/dev/null | tail -1; }
before=$(count)

export DATABASE_URL=postgres://postgres@127.0.0.1:5432/dg_drill_restored MEDIA_ROOT=$work/media-restored
scripts/restore "$backup" >/dev/null
after=$(count)
echo "source:   users, criteria, file intact = $before"
echo "restored: users, criteria, file intact = $after"
[ "$before" = "$after" ] && echo "backup and restore: OK" || { echo "backup and restore: MISMATCH"; exit 1; }
