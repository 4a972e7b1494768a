"""How long one certificate's WeasyPrint render takes as a function of how deep the caller's stack is: WeasyPrint
called plainly, and through core.pdf.html_to_pdf, which opens one roomy stack chunk first (see core/pdf.py).
Prints the median time and the minor page faults per render at each extra depth, then the spread of each.

Usage: .venv/bin/python bench/pdf_stack_depth.py [repeats]   (DATABASE_URL defaults to a PostgreSQL bench database)"""
import resource
import statistics
import sys
import time

from _setup import bench_environment, create_database, django_setup

REPEATS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
DEPTHS = range(0, 120, 6)


def main() -> None:
    create_database(bench_environment())
    django_setup()
    from certificates_common import certificate_html, certify
    from django.conf import settings

    from core.pdf import _weasyprint, html_to_pdf

    [certificate_id] = certify(1)
    html = certificate_html(certificate_id)
    ways = {"plain WeasyPrint": lambda: _weasyprint(html, str(settings.BASE_DIR)), "html_to_pdf": lambda: html_to_pdf(html)}

    def at_depth(depth: int, render) -> tuple[float, int]:
        if depth:
            return at_depth(depth - 1, render)
        faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        started = time.perf_counter()
        render()
        return time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults

    for render in ways.values():
        at_depth(0, render)  # fonts derived and discovered once, as in a long-lived worker
    samples = {(way, depth): [] for way in ways for depth in DEPTHS}
    for _ in range(REPEATS):  # interleaved, so a burst of load from elsewhere hits every depth alike
        for depth in DEPTHS:
            for way, render in ways.items():
                samples[way, depth].append(at_depth(depth, render))
    print(f"{'extra frames':>12}  " + "  ".join(f"{way + ' ms / faults':>30}" for way in ways))
    medians = {way: [] for way in ways}
    for depth in DEPTHS:
        cells = []
        for way in ways:
            millis = statistics.median(seconds for seconds, _faults in samples[way, depth]) * 1000
            faults = statistics.median(faults for _seconds, faults in samples[way, depth])
            medians[way].append(millis)
            cells.append(f"{millis:>22.1f} / {faults:>5.0f}")
        print(f"{depth:>12}  " + "  ".join(cells))
    for way, values in medians.items():
        print(f"{way}: {min(values):.1f}–{max(values):.1f} ms across depths (spread {max(values) / min(values):.2f}×)")


if __name__ == "__main__":
    main()
