"""A web process starts warm: every view imported and every template compiled before its first request."""
from django.template import engines

from config.warmup import warm_up


def test_warming_up_compiles_the_exam_page_and_the_sign_in_page_before_anyone_asks():
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()
    warm_up()
    cached = set(loader.get_template_cache)
    assert {"exams/take.html", "exams/_question.html", "accounts/login.html", "base.html"} <= cached
