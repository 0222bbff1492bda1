"""The memory benchmark's own arithmetic: the fitted slope and the progress lines counted."""

import io

from eval.bench_memory import _Lines, slope_kb


def test_slope_is_kilobytes_per_passage_fitted_after_the_first_tenth():
    # 2 KB a passage after a start-up jump the first tenth of the points would distort
    trace = [{"passages": 1000 * i, "rss_mb": 100 + 2 * 1000 * i / 1024} for i in range(1, 41)]
    trace[0]["rss_mb"] = 400
    trace[1]["rss_mb"] = 10
    assert slope_kb(trace) == 2.0
    assert slope_kb([{"passages": None, "rss_mb": 5}] * 10) is None  # nothing to fit


def test_progress_lines_are_counted_and_the_last_one_kept():
    inner = io.StringIO()
    lines = _Lines(inner)
    lines.write("  lon.txt: 7% (1446 passages)\n  lon.txt: 15% (2891 passages)\n")
    lines.write("added 1, updated 0\n")
    assert lines.count == 2 and lines.last == "lon.txt: 15% (2891 passages)"
    assert inner.getvalue().count("\n") == 3  # passed through unchanged
