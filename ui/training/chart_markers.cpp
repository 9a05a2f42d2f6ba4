#include "ui/training/chart_markers.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace ui {

ChartMarkers::ChartMarkers(QList<QCustomPlot*> plots, std::function<double(qint64)> xOf)
    : plots_(std::move(plots)), xOf_(std::move(xOf)) {}

int ChartMarkers::add(qint64 iteration, const QString& label, const QColor& color,
                      const QPalette& palette) {
  Mark mark;
  mark.iteration = iteration;
  mark.label = label;
  const bool dark = palette.color(QPalette::Base).lightness() < 128;
  for (QCustomPlot* plot : plots_) {
    auto* line = new QCPItemStraightLine(plot);
    line->point1->setCoords(xOf_(iteration), 0);
    line->point2->setCoords(xOf_(iteration), 1);
    mark.lines.append(line);
    QColor lineColor = color;
    lineColor.setAlpha(160);
    line->setPen(QPen(lineColor, 1, Qt::DashLine));
    auto* text = new QCPItemText(plot);
    text->position->setTypeX(QCPItemPosition::ptPlotCoords);
    text->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    text->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    text->setText(label);
    text->setColor(dark ? color.lighter(160) : color.darker(120));
    QColor background = palette.color(QPalette::Base);
    background.setAlpha(200);
    text->setBrush(QBrush(background));
    text->setPadding(QMargins(3, 1, 3, 1));
    text->setClipToAxisRect(true);
    mark.texts.append(text);
  }
  marks_.append(mark);
  return static_cast<int>(marks_.size()) - 1;
}

void ChartMarkers::setLabel(int index, const QString& label) {
  Mark& mark = marks_[index];
  mark.label = label;
  for (QCPItemText* text : mark.texts) text->setText(label);
  layOutLabels();
}

void ChartMarkers::reposition() {
  for (const Mark& mark : marks_) {
    const double x = xOf_(mark.iteration);
    for (QCPItemStraightLine* line : mark.lines) {
      line->point1->setCoords(x, 0);
      line->point2->setCoords(x, 1);
    }
  }
}

void ChartMarkers::layOutLabels() {
  constexpr int kRows = 3;
  constexpr int kGap = 6;  // pixels between labels in a row
  for (int p = 0; p < plots_.size(); ++p) {
    QCustomPlot* plot = plots_[p];
    const QRect area = plot->axisRect()->rect();
    const QRect legend = plot->legend->visible() ? plot->legend->outerRect() : QRect();
    const QFontMetrics metrics(plot->font());
    const int rowHeight = metrics.height() + 4;
    QList<int> order;
    for (int i = 0; i < marks_.size(); ++i) order.append(i);
    std::sort(order.begin(), order.end(),
              [this](int a, int b) { return marks_[a].iteration < marks_[b].iteration; });
    QVector<double> rowEnd(kRows, -1e9);
    for (int i : order) {
      QCPItemText* text = marks_[i].texts[p];
      const double x = plot->xAxis->coordToPixel(xOf_(marks_[i].iteration));
      const int width = metrics.horizontalAdvance(marks_[i].label) + 6;
      int row = 0;
      while (row < kRows && x < rowEnd[row] + kGap) ++row;
      // Rows count up from the bottom of the chart, away from the legend at the top right.
      const double bottom = area.bottom() - 2 - row * rowHeight;
      const QRect box(static_cast<int>(x), static_cast<int>(bottom) - rowHeight, width, rowHeight);
      const bool fits =
          row < kRows && x >= area.left() && x + width <= area.right() && !box.intersects(legend);
      text->setVisible(fits);
      if (!fits) continue;
      rowEnd[row] = x + width;
      text->position->setCoords(xOf_(marks_[i].iteration),
                                (bottom - area.top()) / std::max(1, area.height()));
    }
  }
}

int ChartMarkers::visibleLabels(QCustomPlot* plot) const {
  const int p = plots_.indexOf(plot);
  int visible = 0;
  for (const Mark& mark : marks_) visible += mark.texts[p]->visible() ? 1 : 0;
  return visible;
}

QString ChartMarkers::near(QCustomPlot* plot, double pixelX) const {
  QStringList labels;
  for (const Mark& mark : marks_) {
    const double x = plot->xAxis->coordToPixel(xOf_(mark.iteration));
    if (std::abs(x - pixelX) <= 4) labels << mark.label;
  }
  return labels.join(QStringLiteral(" · "));
}

}  // namespace ui
