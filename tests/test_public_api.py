"""The package's public API: what a script or notebook imports from `eventscope`."""

from __future__ import annotations


def test_the_public_api_runs_a_folder_into_a_store_and_reads_it_back(tmp_path, seeds_dir):
    import eventscope

    assert set(eventscope.__all__) <= set(dir(eventscope)) | {"run", "RunReport", "Stages"}
    settings = eventscope.load_settings().with_overrides({"run.workers": 1})
    with eventscope.open_store(tmp_path / "api.duckdb") as store:
        report = eventscope.run([seeds_dir], store, settings)
    assert isinstance(report, eventscope.RunReport) and report.stored == 5
    with eventscope.open_for_reading(tmp_path / "api.duckdb") as store:
        assert len(list(store.iter_records("articles"))) == 5
