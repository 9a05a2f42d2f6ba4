#include "ui/training/score_bands.h"

#include <qcustomplot.h>

#include <algorithm>

namespace ui {

namespace {

QColor blend(const QColor& color, const QColor& background, double keep) {
  auto mix = [keep](int c, int b) { return static_cast<int>(keep * c + (1 - keep) * b); };
  return QColor(mix(color.red(), background.red()), mix(color.green(), background.green()),
                mix(color.blue(), background.blue()));
}

}  // namespace

ScoreBands::ScoreBands(QCustomPlot* plot) : plot_(plot) {
  real_ = makeSide(plot, tr("D on real images"));
  fake_ = makeSide(plot, tr("D on fakes"));
}

ScoreBands::Side ScoreBands::makeSide(QCustomPlot* plot, const QString& name) {
  Side side;
  for (QCPGraph** graph : {&side.low, &side.high, &side.q1, &side.q3, &side.median}) {
    *graph = plot->addGraph();
    (*graph)->removeFromLegend();
  }
  side.high->setChannelFillGraph(side.low);
  side.q3->setChannelFillGraph(side.q1);
  side.median->setName(name);
  side.median->addToLegend();
  side.median->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
  return side;
}

void ScoreBands::colour(Side& side, const QColor& color, const QColor& background) {
  const QColor outer = blend(color, background, 0.18);
  const QColor inner = blend(color, background, 0.38);
  for (QCPGraph* graph : {side.low, side.high, side.q1, side.q3}) graph->setPen(Qt::NoPen);
  side.high->setBrush(outer);
  side.q3->setBrush(inner);
  side.median->setPen(QPen(color, 2));
}

void ScoreBands::setColours(const QColor& real, const QColor& fake, const QColor& background) {
  colour(real_, real, background);
  colour(fake_, fake, background);
}

void ScoreBands::add(Side& side, double x, const double (&quantiles)[5]) {
  side.low->addData(x, quantiles[0]);
  side.q1->addData(x, quantiles[1]);
  side.median->addData(x, quantiles[2]);
  side.q3->addData(x, quantiles[3]);
  side.high->addData(x, quantiles[4]);
}

void ScoreBands::add(double x, const ScorePoint& point) {
  add(real_, x, point.real);
  add(fake_, x, point.fake);
  for (const double v : {point.real[0], point.fake[0]}) low_ = std::min(low_, v);
  for (const double v : {point.real[4], point.fake[4]}) high_ = std::max(high_, v);
  const double margin = (high_ - low_) * 0.02;
  plot_->yAxis->setRange(low_ - margin, high_ + margin);
}

void ScoreBands::clear() {
  for (Side* side : {&real_, &fake_}) {
    for (QCPGraph* graph : {side->low, side->high, side->q1, side->q3, side->median})
      graph->data()->clear();
  }
  low_ = 0;
  high_ = 1;
  plot_->yAxis->setRange(-0.02, 1.02);
}

int ScoreBands::count() const { return real_.median->dataCount(); }

}  // namespace ui
