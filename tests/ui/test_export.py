"""Charts to PNG, SVG and PDF; all charts to a folder; the summary to CSV and clipboard."""

from __future__ import annotations

import csv
import io

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox


@pytest.mark.parametrize(
    "suffix, magic", [(".png", b"\x89PNG\r\n\x1a\n"), (".svg", b"<?xml"), (".pdf", b"%PDF-")]
)
def test_export_current_chart(window, tmp_path, suffix, magic):
    path = tmp_path / f"chart{suffix}"
    assert window.export_current_chart(path)
    data = path.read_bytes()
    assert data.startswith(magic)
    if suffix == ".svg":
        assert b"<svg" in data[:2000]


def test_export_hidden_chart_through_the_dialog(window, tmp_path, monkeypatch):
    window.charts.select_indicator(2)
    target = tmp_path / "platforms"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(target), "SVG image (*.svg)")),
    )
    assert window.export_current_chart()
    assert (tmp_path / "platforms.svg").read_bytes().startswith(b"<?xml")


def test_export_all_charts(window, tmp_path, monkeypatch):
    folder = tmp_path / "charts"
    folder.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder))
    )
    written = window.export_all_charts()
    assert len(written) == 9 * 3
    assert (folder / "total_fan.png").read_bytes().startswith(b"\x89PNG")
    assert (folder / "targets.pdf").read_bytes().startswith(b"%PDF-")


def test_summary_csv(window, tmp_path):
    path = tmp_path / "summary.csv"
    assert window.export_summary_csv(path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Item", "Year"]
    assert rows[1][1] == "2024" and float(rows[1][3]) > 0
    assert any(row and row[0] == "All five targets" for row in rows)


def test_summary_to_clipboard(window):
    assert window.copy_summary()
    text = QApplication.clipboard().text()
    lines = text.splitlines()
    assert lines[0].split("\t")[:3] == ["Item", "Year", "Unit"]
    assert len(lines[1].split("\t")) == 7
    window.summary.copy_button.click()
    assert QApplication.clipboard().text() == text


@pytest.mark.parametrize("what", ["chart", "all", "csv"])
def test_write_errors_show_a_message(window, tmp_path, monkeypatch, what):
    warned = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda *a, **k: warned.append((a[1], a[2])))
    )
    missing = tmp_path / "no" / "such" / "folder"
    if what == "chart":
        assert window.export_current_chart(missing / "x.png") is False
    elif what == "all":
        assert window.export_all_charts(missing) == []
    else:
        assert window.export_summary_csv(missing / "x.csv") is False
    assert len(warned) == 1
    _title, message = warned[0]
    assert "Traceback" not in message and str(missing) in message


def test_every_window_honours_the_chosen_file_type(window, tmp_path, monkeypatch, wait_idle):
    """The decision charts go through the same export as the main window's: a name typed
    without an extension gets the type of the filter chosen (it used to become PNG)."""
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(tmp_path / "envelope"), "PDF document (*.pdf)")),
    )
    decision = window.decision.open("envelope")
    envelope = decision.envelope
    envelope.set_yearly({str(y): 150_000.0 for y in range(2024, 2029)})
    assert envelope.apply()
    wait_idle(window)
    envelope.show_exceedance()
    assert envelope.chart.result is not None
    assert decision.export_chart(envelope.chart)
    assert (tmp_path / "envelope.pdf").read_bytes().startswith(b"%PDF-")
    assert not (tmp_path / "envelope.png").exists()
    assert window.settings.value("exportDir") == str(tmp_path)
    decision.shutdown()


@pytest.mark.parametrize("what", ["chart", "csv"])
def test_a_read_only_file_is_not_replaced_and_the_message_names_it(
    window, tmp_path, monkeypatch, what
):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: warned.append(a[2])))
    target = tmp_path / ("chart.png" if what == "chart" else "summary.csv")
    target.write_bytes(b"kept")
    target.chmod(0o444)
    if what == "chart":
        assert window.export_current_chart(target) is False
    else:
        assert window.export_summary_csv(target) is False
    assert target.read_bytes() == b"kept"
    (message,) = warned
    assert str(target) in message and "read-only" in message and "Traceback" not in message


def test_export_through_a_link_writes_the_linked_file(window, tmp_path):
    real = tmp_path / "real.svg"
    real.write_bytes(b"old")
    link = tmp_path / "chart.svg"
    link.symlink_to(real.name)
    assert window.export_current_chart(link)
    assert link.is_symlink() and real.read_bytes().startswith(b"<?xml")
