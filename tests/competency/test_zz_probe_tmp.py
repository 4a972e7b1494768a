import pytest
from django.core.management import call_command, CommandError
def test_probe(unit, tmp_path, capsys):
    call_command("export_case", "DG-EJJM-026")
    out = capsys.readouterr().out
    print(out[:300])
    p = tmp_path / "x.json"; p.write_text(out.replace('"fullStatement": "กำหนดบทบาท', '"fullStatementX": "'), encoding="utf-8")
    for args in (["import_case", str(p)], ["import_case", str(tmp_path / "missing.json")], ["export_case", "NOPE"], ["export_case", "DG-EJJM-026", "--revision", "9"]):
        with pytest.raises(CommandError) as e:
            call_command(*args)
        print("ERR:", e.value)
