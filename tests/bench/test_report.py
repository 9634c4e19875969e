"""The benchmark's verdicts: the public home page's throughput is judged against a trivial view at every scale."""

from bench import report


def _measured(ratio_small, ratio_large):
    def scale(ratio):
        return {"status": "measured", "trivial_rps": 1000.0, "page_rps": 1000.0 * ratio, "ratio": ratio,
                "runs": {}, "setup": "gunicorn, 2 sync workers"}

    rows = {"indicators_indicatorvalue": 10}
    return {s: {"items": {"public-throughput": scale(r)}, "peak_rss_mb": {"pages": 100, "with_jobs": 120},
                "rows": rows, "load_before": [0, 0, 0], "load_after": [0, 0, 0], "runs": 1, "warmups": 0}
            for s, r in ((1, ratio_small), (10, ratio_large))}


def test_it_passes_a_public_home_page_served_at_half_a_trivial_views_rate_or_better():
    results = report.combine(_measured(0.8, 0.5))
    entry = results["items"]["public-throughput"]
    assert entry["meets_targets"] is True
    assert "x1 800 against 1,000 requests/s, 0.80; x10 500 against 1,000 requests/s, 0.50" in report.table(results)


def test_it_fails_the_scale_where_the_public_home_page_falls_below_half():
    results = report.combine(_measured(0.8, 0.45))
    entry = results["items"]["public-throughput"]
    assert entry["failures"] == ["x10: ratio < 0.5"]
    assert report.table(results).splitlines()[-3].endswith(": x10: ratio < 0.5")


def test_it_keeps_each_scales_best_throughput_of_several_passes():
    first, second = _measured(0.4, 0.4)[1], _measured(0.7, 0.7)[1]
    assert report.best_of([first, second])["items"]["public-throughput"]["ratio"] == 0.7


def test_it_reports_the_machines_speed_at_its_fastest_pass():
    """Tables made on different days are compared by the machine's speed while each was measured."""
    slow, fast = _measured(0.8, 0.8)[1], _measured(0.8, 0.8)[1]
    slow["speed"] = {"trivial_view_ms": 1.6, "python_loop_ms": 210.0}
    fast["speed"] = {"trivial_view_ms": 0.8, "python_loop_ms": 95.5}
    best = report.best_of([slow, fast])
    assert best["speed"] == {"trivial_view_ms": 0.8, "python_loop_ms": 95.5}
    results = report.combine({1: best, 10: best})
    assert results["speed"]["10"] == best["speed"]
    assert ("x1: this machine's speed meanwhile: a trivial view (/healthz) 0.8 ms, a fixed loop of pure Python "
            "95.5 ms") in report.table(results)
