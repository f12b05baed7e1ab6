"""The supervisor's quality page: each moderator's figures from the platform's ``/stats``
(decisions, reviewed, confirmed, overturned, agreement, median time to decide, by action and
by reason code), charts (decisions per day by action, backlog and SLA breaches over time,
the reason-code mix) that can be saved as PNG, and a random sample of closed decisions for
re-review at a configurable rate."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QPieSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qunguan.contract import models as api
from qunguan.contract.enums import Action, Outcome
from qunguan.contract.stats import Stats

from .action_names import short_label
from .errors import describe
from .formats import day, day_pattern, number
from .settings import QUALITY_SAMPLE_PERCENT
from .tasks import run_task
from .text import plain_label
from .theme import colour as theme_colour
from .theme import current as current_theme
from .theme import theme_changes

if TYPE_CHECKING:
    from .supervisor import SupervisorDesk

SAMPLE_POOL = 1000


def _action_name(value: str) -> str:
    try:
        return short_label(Action(value))
    except ValueError:
        return value


def _theme_chart(chart: QChart) -> None:
    """The chart in the application's theme: Qt Charts has its own light and dark themes; the
    background is the window's so the chart sits in the tab without a white card in the dark."""
    dark = current_theme().dark
    fonts = (chart.titleFont(), [(axis, axis.titleFont()) for axis in chart.axes()])
    chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight)
    chart.setTitleFont(fonts[0])  # a theme resets the fonts chosen before it
    for axis, font in fonts[1]:
        axis.setTitleFont(font)
    chart.setBackgroundBrush(theme_colour("base"))


class QualityTab(QWidget):
    def __init__(self, desk: SupervisorDesk) -> None:
        super().__init__(desk)
        self.desk = desk
        self.stats: Stats | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Refresh (last 30 days)"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.rate = QSpinBox(self)
        self.rate.setObjectName("sampleRate")
        self.rate.setAccessibleName(self.tr("Share sampled for re-review"))
        self.rate.setRange(1, 100)
        self.rate.setSuffix(" %")
        self.rate.setValue(QUALITY_SAMPLE_PERCENT.get())
        self.rate.setToolTip(self.tr("Share of closed, unreviewed decisions drawn for re-review"))
        self.rate.valueChanged.connect(lambda v: QUALITY_SAMPLE_PERCENT.set(int(v)))
        self.sample_button = QPushButton(self.tr("Sample for re-review"), self)
        self.sample_button.clicked.connect(self.sample)
        self.save_button = QPushButton(self.tr("Save charts as PNG…"), self)
        self.save_button.clicked.connect(self._ask_save)
        for w in (self.refresh_button, self.rate, self.sample_button, self.save_button):
            top.addWidget(w)
        top.addStretch(1)
        layout.addLayout(top)
        self.table = QTableWidget(0, 9, self)
        self.table.setObjectName("moderatorTable")
        self.table.setAccessibleName(self.tr("Moderators' quality"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Moderator"), self.tr("Decisions"), self.tr("Reviewed"), self.tr("Confirmed"),
            self.tr("Overturned"), self.tr("Agreement"), self.tr("Median time to decide"), self.tr("By action"),
            self.tr("By reason code")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        charts = QHBoxLayout()
        self.per_day = self._chart_view("perDayChart")
        self.backlog = self._chart_view("backlogChart")
        self.mix = self._chart_view("reasonMixChart")
        for view in (self.per_day, self.backlog, self.mix):
            charts.addWidget(view, 1)
        theme_changes().changed.connect(self._retheme)  # the charts follow a change of theme
        layout.addLayout(charts, 2)
        self.status = plain_label(self)
        layout.addWidget(self.status)

    def _chart_view(self, name: str) -> QChartView:
        view = QChartView(QChart(), self)
        view.setObjectName(name)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(260)
        return view

    # --- data ---------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.status.setText(self.tr("Loading the statistics…"))
        run_task(self.desk.ws.api.stats, on_done=self.show_stats, on_error=lambda e: self.status.setText(describe(e)))

    def show_stats(self, stats: Stats) -> None:
        self.stats = stats
        self.table.setRowCount(len(stats.moderators))
        for row, m in enumerate(stats.moderators):
            median = (self.tr("{n} min").format(n=number(round(m.median_seconds_to_decision / 60)))
                      if m.median_seconds_to_decision else "—")
            agreement = f"{m.agreement * 100:.0f} %" if m.agreement is not None else "—"
            by_action = ", ".join(f"{_action_name(k)} {v}" for k, v in sorted(m.by_action.items()))
            by_reason = ", ".join(f"{k} {v}" for k, v in sorted(m.by_reason.items()))
            for column, value in enumerate((m.username, m.decisions, m.reviewed, m.confirmed, m.overturned, agreement,
                                            median, by_action, by_reason)):
                self.table.setItem(row, column, QTableWidgetItem(str(value)))
        self.table.resizeColumnsToContents()
        self._per_day_chart(stats)
        self._backlog_chart(stats)
        self._mix_chart(stats)
        self.status.setText(self.tr("{n} moderators, {days} days, backlog now {backlog}, overdue {overdue}.").format(
            n=len(stats.moderators), days=len(stats.days),
            backlog=stats.backlog_now.open + stats.backlog_now.claimed + stats.backlog_now.escalated
            + stats.backlog_now.awaiting_second_approval, overdue=stats.backlog_now.overdue))

    def _per_day_chart(self, stats: Stats) -> None:
        chart = QChart()
        chart.setTitle(self.tr("Decisions per day by action"))
        series = QStackedBarSeries()
        actions = sorted({a for d in stats.days for a in d.decisions_by_action})
        for action in actions:
            bar = QBarSet(_action_name(action))
            bar.append([float(d.decisions_by_action.get(action, 0)) for d in stats.days])
            series.append(bar)
        chart.addSeries(series)
        # A bar a day is a few pixels wide: no label fits under it, so the axis names the span.
        axis_x = QBarCategoryAxis()
        axis_x.append([day(d.day) for d in stats.days])
        axis_x.setLabelsVisible(False)
        axis_x.setGridLineVisible(False)
        if stats.days:
            axis_x.setTitleText(self.tr("{first} to {last}, a bar a day").format(
                first=day(stats.days[0].day), last=day(stats.days[-1].day)))
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%d")
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        axis_y.setMin(0)
        axis_y.applyNiceNumbers()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self._replace(self.per_day, chart)

    def _backlog_chart(self, stats: Stats) -> None:
        chart = QChart()
        chart.setTitle(self.tr("Backlog and SLA breaches"))
        backlog, breaches = QLineSeries(), QLineSeries()
        backlog.setName(self.tr("Backlog at the end of the day"))
        breaches.setName(self.tr("SLA breaches"))
        for d in stats.days:
            at = float(datetime.combine(d.day, time(12), UTC).timestamp() * 1000)
            backlog.append(at, float(d.backlog_end))
            breaches.append(at, float(d.sla_breaches))
        axis_x = QDateTimeAxis()
        axis_x.setFormat(day_pattern())
        axis_x.setTickCount(5)
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%d")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for series in (backlog, breaches):
            chart.addSeries(series)
            series.attachAxis(axis_x)
            series.attachAxis(axis_y)
        axis_y.setMin(0)
        axis_y.applyNiceNumbers()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self._replace(self.backlog, chart)

    def _mix_chart(self, stats: Stats) -> None:
        chart = QChart()
        chart.setTitle(self.tr("Reason-code mix"))
        pie = QPieSeries()
        top = sorted(stats.reason_mix.items(), key=lambda kv: -kv[1])
        for code, n in top[:8]:
            pie.append(code, float(n))
        rest = sum(n for _, n in top[8:])
        if rest:
            pie.append(self.tr("other"), float(rest))
        chart.addSeries(pie)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self._replace(self.mix, chart)

    @staticmethod
    def _replace(view: QChartView, chart: QChart) -> None:
        _theme_chart(chart)
        old = view.chart()
        view.setChart(chart)
        if old is not None:
            old.deleteLater()

    def _retheme(self) -> None:
        for view in (self.per_day, self.backlog, self.mix):
            _theme_chart(view.chart())

    def save_charts(self, folder: Path) -> list[Path]:
        saved = []
        for name, view in (("decisions-per-day", self.per_day), ("backlog", self.backlog),
                           ("reason-mix", self.mix)):
            path = Path(folder) / f"qunguan-{name}.png"
            if not view.grab().save(str(path), "PNG"):
                raise OSError(f"{path} could not be written")
            saved.append(path)
        self.status.setText(self.tr("Charts saved in {folder}.").format(folder=str(folder)))
        return saved

    def _ask_save(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Save the charts in"))
        if folder:
            try:
                self.save_charts(Path(folder))
            except OSError as exc:
                self.status.setText(str(exc))

    # --- sampling -----------------------------------------------------------------------------------

    def sample(self, seed: int | None = None) -> None:
        """Draw ``rate`` % of the closed, unreviewed decisions (among the latest SAMPLE_POOL)
        and show them in the history table for re-review."""
        rate = self.rate.value() / 100
        rnd = random.Random(seed)

        def draw() -> list[api.Decision]:
            from qunguan.client.export import fetch_history

            pool = [d for d in fetch_history(self.desk.ws.api, {"review": "none"}, limit=SAMPLE_POOL)
                    if d.outcome in (Outcome.APPLIED, Outcome.NO_VIOLATION)]
            k = max(1, round(len(pool) * rate)) if pool else 0
            return sorted(rnd.sample(pool, k), key=lambda d: d.id)

        def done(sample: list[api.Decision]) -> None:
            self.desk.history.reset(sample, None)
            self.desk.tabs.setCurrentIndex(0)
            self.desk.history_status.setText(self.tr("A sample of {n} closed decisions ({rate} %) for re-review.")
                                             .format(n=len(sample), rate=self.rate.value()))

        run_task(draw, on_done=done, on_error=lambda e: self.status.setText(describe(e)))
