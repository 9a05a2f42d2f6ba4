#include "ui/explorer/latent_explorer.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>
#include <cstring>

#include "ui/explorer/latent_math.h"
#include "ui/explorer/pixel_view.h"

namespace ui {

namespace {

constexpr int kSliderSteps = 100;  // slider units per 1.0 of z
constexpr double kRange = 3.0;     // sliders span -3..3
constexpr int kTSteps = 1000;

double norm(const QVector<float>& v) {
  double sum = 0;
  for (float x : v) sum += double(x) * x;
  return std::sqrt(sum);
}

QImage stripImage(const QVector<QImage>& frames) {
  if (frames.isEmpty()) return {};
  const int side = frames.front().width();
  const int gap = 1;
  QImage strip(frames.size() * (side + gap) - gap, frames.front().height(),
               QImage::Format_Grayscale8);
  strip.fill(90);
  for (int i = 0; i < frames.size(); ++i) {
    for (int y = 0; y < frames[i].height(); ++y) {
      std::memcpy(strip.scanLine(y) + static_cast<ptrdiff_t>(i) * (side + gap),
                  frames[i].constScanLine(y), side);
    }
  }
  return strip;
}

}  // namespace

LatentExplorerPanel::LatentExplorerPanel(QWidget* parent)
    : QWidget(parent),
      preview_(new PixelView(this)),
      stripView_(new PixelView(this)),
      sliderArea_(new QScrollArea(this)),
      sliderHost_(new QWidget),
      seed_(new QSpinBox(this)),
      t_(new QSlider(Qt::Horizontal, this)),
      tValue_(new QLabel(QStringLiteral("0.00"), this)),
      mode_(new QComboBox(this)),
      endpoints_(new QLabel(this)),
      status_(new QLabel(this)) {
  clock_.start();
  preview_->setPreferredScale(6);
  preview_->setMinimumSize(28 * 3, 28 * 3);
  preview_->setToolTip(tr("G(z) for the vector set by the sliders"));
  stripView_->setPreferredScale(2);
  stripView_->setMinimumHeight(28 * 2);
  stripView_->setToolTip(tr("The path from A to B in %1 frames").arg(stripLength()));
  stripView_->setPlaceholder(tr("Set A and B to see the path"));

  sliderArea_->setWidget(sliderHost_);
  sliderArea_->setWidgetResizable(true);
  sliderArea_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  sliderArea_->setMinimumWidth(200);

  auto* top = new QHBoxLayout;
  top->addWidget(preview_, 1);
  top->addWidget(sliderArea_, 1);

  auto button = [this](const QString& text, const QString& tip) {
    auto* b = new QPushButton(text, this);
    b->setToolTip(tip);
    controls_.append(b);
    return b;
  };
  QPushButton* randomize =
      button(tr("&Randomize"), tr("Draw z from N(0, 1) with the seed beside it"));
  seed_->setRange(0, 999999);
  seed_->setToolTip(tr("Seed for Randomize: the same seed gives the same vector"));
  controls_.append(seed_);
  QPushButton* reset = button(tr("&Zero"), tr("Set every value of z to 0"));
  QPushButton* copy = button(tr("&Copy z"), tr("Copy z to the clipboard as text"));
  QPushButton* paste = button(tr("&Paste z"), tr("Set z from numbers on the clipboard"));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(randomize);
  buttons->addWidget(seed_);
  buttons->addWidget(reset);
  buttons->addWidget(copy);
  buttons->addWidget(paste);

  auto* interpolation = new QGroupBox(tr("Interpolation"), this);
  QPushButton* setA = button(tr("A ← z"), tr("Use the current vector as A"));
  QPushButton* setB = button(tr("B ← z"), tr("Use the current vector as B"));
  QPushButton* randomA = button(tr("Random A"), tr("A from N(0, 1) (seed + 1)"));
  QPushButton* randomB = button(tr("Random B"), tr("B from N(0, 1) (seed + 2)"));
  mode_->addItem(tr("Linear"));
  mode_->addItem(tr("Spherical"));
  mode_->setToolTip(
      tr("Linear: a straight line; spherical: along the sphere, keeping the norm typical"));
  controls_.append(mode_);
  t_->setRange(0, kTSteps);
  t_->setToolTip(tr("Where on the path from A (0) to B (1) the preview is"));
  controls_.append(t_);
  auto* grid = new QGridLayout(interpolation);
  grid->addWidget(setA, 0, 0);
  grid->addWidget(setB, 0, 1);
  grid->addWidget(randomA, 0, 2);
  grid->addWidget(randomB, 0, 3);
  grid->addWidget(new QLabel(tr("t"), this), 1, 0);
  auto* tRow = new QHBoxLayout;
  tRow->addWidget(t_, 1);
  tRow->addWidget(tValue_);
  tRow->addWidget(mode_);
  grid->addLayout(tRow, 1, 1, 1, 3);
  grid->addWidget(stripView_, 2, 0, 1, 4);
  grid->addWidget(endpoints_, 3, 0, 1, 4);

  status_->setStyleSheet(QStringLiteral("color: gray;"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addLayout(top, 1);
  layout->addLayout(buttons);
  layout->addWidget(interpolation);
  layout->addWidget(status_);

  connect(randomize, &QPushButton::clicked, this,
          [this] { setLatent(randomLatent(noiseDim(), static_cast<quint64>(seed_->value()))); });
  connect(reset, &QPushButton::clicked, this,
          [this] { setLatent(QVector<float>(noiseDim(), 0.0f)); });
  connect(copy, &QPushButton::clicked, this, [this] {
    QApplication::clipboard()->setText(latentToText(latent_));
    Q_EMIT message(tr("Copied z (%1 values) to the clipboard").arg(latent_.size()));
  });
  connect(paste, &QPushButton::clicked, this, [this] {
    QVector<float> z;
    QString error;
    if (!latentFromText(QApplication::clipboard()->text(), noiseDim(), &z, &error)) {
      Q_EMIT message(tr("Cannot paste z: %1").arg(error));
      status_->setText(tr("Cannot paste z: %1").arg(error));
      return;
    }
    setLatent(z);
  });
  connect(setA, &QPushButton::clicked, this, [this] { setEndpoint(0, latent_); });
  connect(setB, &QPushButton::clicked, this, [this] { setEndpoint(1, latent_); });
  connect(randomA, &QPushButton::clicked, this, [this] {
    setEndpoint(0, randomLatent(noiseDim(), static_cast<quint64>(seed_->value()) + 1));
  });
  connect(randomB, &QPushButton::clicked, this, [this] {
    setEndpoint(1, randomLatent(noiseDim(), static_cast<quint64>(seed_->value()) + 2));
  });
  connect(t_, &QSlider::valueChanged, this, [this](int value) {
    tValue_->setText(QString::number(value / double(kTSteps), 'f', 2));
    if (!hasEndpoints()) return;
    latent_ = interpolate(value / double(kTSteps));
    showLatentOnSliders();
    requestPreview();
  });
  connect(mode_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
    if (!hasEndpoints()) return;
    latent_ = interpolate(t());
    showLatentOnSliders();
    requestPreview();
    requestStrip();
  });
  endpoints_->setText(tr("A and B: not set"));
  setAvailable(false,
               tr("Start training or open a checkpoint (File → Open Checkpoint) to explore."));
}

QSlider* LatentExplorerPanel::slider(int index) const { return sliders_.value(index, nullptr); }

void LatentExplorerPanel::setAvailable(bool available, const QString& why) {
  available_ = available;
  for (QWidget* control : controls_) control->setEnabled(available);
  for (QSlider* s : sliders_) s->setEnabled(available);
  if (!available) {
    preview_->setImage({});
    preview_->setPlaceholder(why);
    status_->setText(why);
  } else {
    if (preview_->image().isNull()) {
      preview_->setPlaceholder(tr("Click a digit in the grid, drag a slider or press Randomize"));
    }
    status_->setText(tr("Drag a slider, click a grid cell, or randomize."));
  }
}

void LatentExplorerPanel::setNoiseDim(int dimension) {
  if (dimension == latent_.size()) return;
  latent_ = QVector<float>(dimension, 0.0f);
  endpointA_.clear();
  endpointB_.clear();
  strip_.clear();
  stripView_->setImage({});
  endpoints_->setText(tr("A and B: not set"));
  rebuildSliders(dimension);
}

void LatentExplorerPanel::rebuildSliders(int dimension) {
  delete sliderHost_->layout();
  qDeleteAll(sliderHost_->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly));
  sliders_.clear();
  values_.clear();
  auto* grid = new QGridLayout(sliderHost_);
  grid->setContentsMargins(2, 2, 2, 2);
  grid->setVerticalSpacing(1);
  for (int i = 0; i < dimension; ++i) {
    auto* name = new QLabel(QStringLiteral("z%1").arg(i), sliderHost_);
    auto* s = new QSlider(Qt::Horizontal, sliderHost_);
    s->setRange(static_cast<int>(-kRange * kSliderSteps), static_cast<int>(kRange * kSliderSteps));
    s->setToolTip(tr("z[%1], from -3 to 3").arg(i));
    s->setEnabled(available_);
    auto* value = new QLabel(QStringLiteral("0.00"), sliderHost_);
    value->setMinimumWidth(QFontMetrics(value->font()).horizontalAdvance(QStringLiteral("-3.00")));
    value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    grid->addWidget(name, i, 0);
    grid->addWidget(s, i, 1);
    grid->addWidget(value, i, 2);
    sliders_.append(s);
    values_.append(value);
    connect(s, &QSlider::valueChanged, this, [this, i](int position) {
      values_[i]->setText(QString::number(position / double(kSliderSteps), 'f', 2));
      if (updatingSliders_) return;
      latent_[i] = static_cast<float>(position / double(kSliderSteps));
      requestPreview();
    });
  }
}

void LatentExplorerPanel::showLatentOnSliders() {
  updatingSliders_ = true;
  for (int i = 0; i < sliders_.size() && i < latent_.size(); ++i) {
    const double clamped = std::clamp(static_cast<double>(latent_[i]), -kRange, kRange);
    sliders_[i]->setValue(static_cast<int>(std::lround(clamped * kSliderSteps)));
    values_[i]->setText(QString::number(latent_[i], 'f', 2));  // the true value, even beyond ±3
  }
  updatingSliders_ = false;
}

void LatentExplorerPanel::setLatent(const QVector<float>& z) {
  if (z.size() != noiseDim()) setNoiseDim(z.size());
  latent_ = z;
  showLatentOnSliders();
  requestPreview();
}

void LatentExplorerPanel::engage() {
  if (engaged_) return;
  engaged_ = true;
  Q_EMIT engagedChanged(true);
}

void LatentExplorerPanel::requestPreview() {
  if (!available_ || latent_.isEmpty()) return;
  engage();
  ++stamp_;
  previewRequested_ = stamp_;
  requestedAt_.insert(stamp_, clock_.nsecsElapsed());
  Q_EMIT renderRequested(latent_, stamp_);
}

QVector<float> LatentExplorerPanel::interpolate(double t) const {
  return mode_->currentIndex() == 1 ? slerp(endpointA_, endpointB_, t)
                                    : lerp(endpointA_, endpointB_, t);
}

void LatentExplorerPanel::requestStrip() {
  if (!available_ || !hasEndpoints()) return;
  QVector<float> latents;
  for (int i = 0; i < stripLength(); ++i) latents += interpolate(i / double(stripLength() - 1));
  ++stamp_;
  Q_EMIT stripRequested(latents, stripLength(), stamp_);
}

void LatentExplorerPanel::setEndpoint(int which, const QVector<float>& z) {
  if (z.size() != noiseDim()) return;
  (which == 0 ? endpointA_ : endpointB_) = z;
  auto describe = [this](const QVector<float>& v) {
    return v.isEmpty() ? tr("not set") : tr("set, norm %1").arg(norm(v), 0, 'f', 1);
  };
  endpoints_->setText(tr("A: %1    B: %2").arg(describe(endpointA_), describe(endpointB_)));
  if (hasEndpoints()) {
    latent_ = interpolate(t());
    showLatentOnSliders();
    requestPreview();
    requestStrip();
  }
}

void LatentExplorerPanel::setT(double t) {
  t_->setValue(static_cast<int>(std::lround(t * kTSteps)));
}
double LatentExplorerPanel::t() const { return t_->value() / double(kTSteps); }
void LatentExplorerPanel::setSpherical(bool spherical) {
  mode_->setCurrentIndex(spherical ? 1 : 0);
}

bool LatentExplorerPanel::setPreview(const QImage& image, quint64 stamp) {
  if (stamp < shownPreview_) return false;  // stale: a newer one is already shown
  shownPreview_ = stamp;
  preview_->setImage(image);
  if (requestedAt_.contains(stamp)) {
    lastLatencyMs_ = (clock_.nsecsElapsed() - requestedAt_.value(stamp)) / 1e6;
    status_->setText(tr("Preview in %1 ms").arg(lastLatencyMs_, 0, 'f', 1));
  }
  for (auto it = requestedAt_.begin(); it != requestedAt_.end();) {
    it = it.key() <= stamp ? requestedAt_.erase(it) : std::next(it);
  }
  Q_EMIT previewShown(stamp);
  return true;
}

bool LatentExplorerPanel::setStrip(const QVector<QImage>& frames, quint64 stamp) {
  if (stamp < shownStrip_) return false;
  shownStrip_ = stamp;
  strip_ = frames;
  stripView_->setImage(stripImage(frames));
  return true;
}

void LatentExplorerPanel::refresh() {
  if (!engaged_) return;
  requestPreview();
  requestStrip();
}

QImage LatentExplorerPanel::preview() const { return preview_->image(); }

}  // namespace ui
