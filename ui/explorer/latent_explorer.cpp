#include "ui/explorer/latent_explorer.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <cstring>

#include "ui/explorer/drawing_pad.h"
#include "ui/explorer/latent_math.h"
#include "ui/explorer/layer_maps_view.h"
#include "ui/explorer/pixel_view.h"

namespace ui {

namespace {

constexpr int kSliderSteps = 100;  // slider units per 1.0 of z
constexpr double kRange = 3.0;     // sliders span -3..3
constexpr int kTSteps = 1000;
constexpr int kSliderWidth = 16;  // the grid of sliders: one small vertical slider per dimension
constexpr int kSliderHeight = 38;
constexpr int kSliderGap = 3;

double norm(const QVector<float>& v) {
  double sum = 0;
  for (float x : v) sum += double(x) * x;
  return std::sqrt(sum);
}

QImage stripImage(const QVector<QImage>& frames) {
  if (frames.isEmpty()) return {};
  const int side = frames.front().width();
  const int gap = 1;
  if (frames.front().format() != QImage::Format_Grayscale8) {  // colour frames
    QImage strip(frames.size() * (side + gap) - gap, frames.front().height(), QImage::Format_RGB32);
    strip.fill(QColor(90, 90, 90));
    QPainter painter(&strip);
    for (int i = 0; i < frames.size(); ++i) painter.drawImage(i * (side + gap), 0, frames[i]);
    return strip;
  }
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
      saliencyBox_(new QCheckBox(tr("&Where D looks"), this)),
      lookCaption_(new QLabel(this)),
      pages_(new QTabWidget(this)),
      projection_(new ProjectionPad(this)),
      layerMaps_(new LayerMapsView(this)),
      stripView_(new PixelView(this)),
      sliderHost_(new QWidget(this)),
      sliderReadout_(new QLabel(this)),
      seed_(new QSpinBox(this)),
      classLabel_(new QLabel(tr("C&lass"), this)),
      class_(new QComboBox(this)),
      t_(new QSlider(Qt::Horizontal, this)),
      tValue_(new QLabel(QStringLiteral("0.00"), this)),
      mode_(new QComboBox(this)),
      endpoints_(new QLabel(this)),
      status_(new QLabel(this)) {
  clock_.start();
  // The preview takes what room there is, in whole pixels.
  preview_->setPreferredScale(8);
  preview_->setMinimumSize(28 * 4, 28 * 4);
  preview_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  preview_->setToolTip(tr("G(z) for the vector set by the sliders"));
  stripView_->setPreferredScale(3);
  stripView_->setMinimumHeight(28 * 2 + 10);
  stripView_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
  stripView_->setToolTip(tr("The path from A to B in %1 frames; the mark is t").arg(stripLength()));
  stripView_->setPlaceholder(tr("Set A and B to see the path"));

  // Every dimension at once: a grid of small vertical sliders that reflows with the width.
  sliderHost_->installEventFilter(this);
  sliderHost_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
  sliderReadout_->setForegroundRole(QPalette::PlaceholderText);
  sliderReadout_->setText(tr("Hover over a slider to read its value"));

  auto button = [this](const QString& text, const QString& tip) {
    auto* b = new QPushButton(text, this);
    b->setToolTip(tip);
    controls_.append(b);
    return b;
  };
  QPushButton* randomize = button(
      tr("&Randomize"), tr("Draw a new z from N(0, 1); its seed appears beside it to repeat it"));
  seed_->setRange(0, 999999);
  seed_->setPrefix(tr("seed "));
  seed_->setToolTip(tr("The seed of the last random vector: type one to draw its vector again"));
  seed_->setKeyboardTracking(false);
  controls_.append(seed_);
  QPushButton* reset = button(tr("&Zero"), tr("Set every value of z to 0"));
  QPushButton* copy = button(tr("&Copy z"), tr("Copy z to the clipboard as text"));
  QPushButton* paste = button(tr("&Paste z"), tr("Set z from numbers on the clipboard"));
  QPushButton* nearest = button(
      tr("Nearest…"),
      tr("The training images nearest to this sample in the quality meter's feature space, with "
         "their distances: does the generator copy its data?"));
  class_->setToolTip(
      tr("The class the conditional generator draws: pick 7 and it draws sevens (Alt+L)"));
  classLabel_->setBuddy(class_);
  classLabel_->hide();
  class_->hide();
  // The class picker on a row of its own: a folder's class names need room (a conditional run).
  auto* classRow = new QHBoxLayout;
  classRow->addWidget(classLabel_);
  classRow->addWidget(class_, 1);
  class_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  class_->setMinimumContentsLength(12);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(randomize);
  buttons->addWidget(seed_);
  buttons->addWidget(reset);
  buttons->addWidget(copy);
  buttons->addWidget(paste);
  buttons->addStretch(1);
  saliencyBox_->setToolTip(
      tr("Where D looks (Alt+W): over the preview, green where brightening a pixel makes D say "
         "\"real\" and red where it makes D say \"fake\"; the direction G's next step pushes "
         "those pixels. SmoothGrad of D's output, from the same weights as the preview"));
  controls_.append(saliencyBox_);
  lookCaption_->setWordWrap(true);
  lookCaption_->setTextFormat(Qt::RichText);
  lookCaption_->hide();

  // The preview beside every dimension's slider.
  auto* sliderColumn = new QVBoxLayout;
  sliderColumn->addWidget(sliderReadout_);
  sliderColumn->addWidget(sliderHost_);
  sliderColumn->addStretch(1);
  auto* previewColumn = new QVBoxLayout;
  previewColumn->addWidget(preview_, 1);
  // The tools that look at the preview's sample: where D looks, its nearest training images.
  auto* lookRow = new QHBoxLayout;
  lookRow->addWidget(saliencyBox_);
  lookRow->addStretch(1);
  lookRow->addWidget(nearest);
  previewColumn->addLayout(lookRow);
  previewColumn->addWidget(lookCaption_);
  auto* top = new QHBoxLayout;
  top->addLayout(previewColumn, 2);
  top->addLayout(sliderColumn, 3);

  auto* interpolation = new QWidget(this);
  QPushButton* setA = button(tr("A ← z"), tr("Use the current vector as A (t goes to 0)"));
  QPushButton* setB = button(tr("B ← z"), tr("Use the current vector as B (t goes to 1)"));
  QPushButton* randomA = button(tr("Random A"), tr("A from N(0, 1) with a new seed"));
  QPushButton* randomB = button(tr("Random B"), tr("B from N(0, 1) with a new seed"));
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
  auto* tLabel = new QLabel(tr("&t"), this);
  tLabel->setBuddy(t_);
  grid->addWidget(tLabel, 1, 0);
  auto* tRow = new QHBoxLayout;
  tRow->addWidget(t_, 1);
  tRow->addWidget(tValue_);
  tRow->addWidget(mode_);
  grid->addLayout(tRow, 1, 1, 1, 3);
  grid->addWidget(stripView_, 2, 0, 1, 4);
  grid->addWidget(endpoints_, 3, 0, 1, 4);
  endpoints_->setWordWrap(true);

  status_->setForegroundRole(QPalette::PlaceholderText);
  status_->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(top, 1);
  layout->addLayout(classRow);
  layout->addLayout(buttons);
  // Under the preview, one page at a time: interpolation, drawing and projecting, G's layers.
  auto* layersPage = new QScrollArea(this);
  layersPage->setWidget(layerMaps_);
  layersPage->setWidgetResizable(true);
  layersPage->setFrameShape(QFrame::NoFrame);
  layerMaps_->setPlaceholder(tr("G's layers for the preview's vector appear here"));
  pages_->addTab(interpolation, tr("Interpolation"));
  pages_->addTab(projection_, tr("Draw && Project"));
  pages_->addTab(layersPage, tr("G's Layers"));
  pages_->setTabToolTip(0, tr("A path from A to B through latent space"));
  pages_->setTabToolTip(1, tr("Draw a picture (or open one) and find the latent vector that draws "
                              "it"));
  pages_->setTabToolTip(2, tr("The feature maps of each of G's blocks for the preview's vector: "
                              "they follow the sliders"));
  pages_->setDocumentMode(true);
  layout->addWidget(pages_);
  layout->addWidget(status_);

  connect(saliencyBox_, &QCheckBox::toggled, this, [this](bool on) {
    lookCaption_->setVisible(on);
    if (!on) {
      saliency_ = {};
      showPreviewImage();
    } else {
      lookCaption_->setText(tr("Asking D…"));
    }
    Q_EMIT saliencyToggled(on);
    if (on) requestPreview();
  });
  connect(pages_, &QTabWidget::currentChanged, this, [this] {
    if (showsLayers()) requestPreview();
  });
  connect(projection_, &ProjectionPad::projectDrawing, this, [this] { engage(); });
  connect(projection_, &ProjectionPad::projectFile, this, [this] { engage(); });

  connect(randomize, &QPushButton::clicked, this, [this] {
    const int seed = static_cast<int>(QRandomGenerator::global()->bounded(1, seed_->maximum() + 1));
    const QSignalBlocker quiet(seed_);
    seed_->setValue(seed);
    setLatent(withClass(randomLatent(noiseDim(), static_cast<quint64>(seed))));
    status_->setText(tr("Random z with seed %1").arg(seed));
  });
  connect(seed_, qOverload<int>(&QSpinBox::valueChanged), this, [this](int seed) {
    setLatent(withClass(randomLatent(noiseDim(), static_cast<quint64>(seed))));
    status_->setText(tr("Random z with seed %1").arg(seed));
  });
  connect(reset, &QPushButton::clicked, this,
          [this] { setLatent(withClass(QVector<float>(noiseDim(), 0.0f))); });
  connect(class_, qOverload<int>(&QComboBox::activated), this, [this](int index) {
    setClass(index);
    status_->setText(tr("Drawing class %1").arg(class_->itemText(index)));
  });
  connect(copy, &QPushButton::clicked, this, [this] {
    QApplication::clipboard()->setText(latentToText(zPart(latent_)));
    Q_EMIT message(tr("Copied z (%1 values) to the clipboard").arg(noiseDim()));
  });
  connect(paste, &QPushButton::clicked, this, [this] {
    QVector<float> z;
    QString error;
    if (!latentFromText(QApplication::clipboard()->text(), noiseDim(), &z, &error)) {
      Q_EMIT message(tr("Cannot paste z: %1").arg(error));
      status_->setText(tr("Cannot paste z: %1").arg(error));
      return;
    }
    setLatent(withClass(z));
  });
  connect(nearest, &QPushButton::clicked, this, [this] {
    engage();
    Q_EMIT nearestRequested(withClass(latent_));
  });
  connect(setA, &QPushButton::clicked, this, [this] { setEndpoint(0, latent_); });
  connect(setB, &QPushButton::clicked, this, [this] { setEndpoint(1, latent_); });
  auto randomEndpoint = [this](int which) {
    const auto seed = QRandomGenerator::global()->bounded(1, seed_->maximum() + 1);
    endpointSeeds_[which] = static_cast<int>(seed);
    setEndpoint(which, withClass(randomLatent(noiseDim(), seed)), false);
  };
  connect(randomA, &QPushButton::clicked, this, [randomEndpoint] { randomEndpoint(0); });
  connect(randomB, &QPushButton::clicked, this, [randomEndpoint] { randomEndpoint(1); });
  connect(t_, &QSlider::valueChanged, this, [this](int value) {
    tValue_->setText(QString::number(value / double(kTSteps), 'f', 2));
    updateStripMarker();
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
int LatentExplorerPanel::seed() const { return seed_->value(); }
double LatentExplorerPanel::stripMarker() const { return stripView_->marker(); }

void LatentExplorerPanel::setAvailable(bool available, const QString& why) {
  available_ = available;
  for (QWidget* control : controls_) control->setEnabled(available && !projecting_);
  for (QSlider* s : sliders_) s->setEnabled(available && !projecting_);
  projection_->setAvailable(available);
  if (!available) {
    previewImage_ = {};
    saliency_ = {};
    preview_->setImage({});
    layerMaps_->setLayers({});
    preview_->setPlaceholder(why);
    status_->setText(why);
  } else {
    if (previewImage_.isNull()) {
      preview_->setPlaceholder(tr("Click a digit in the grid, drag a slider or press Randomize"));
    }
    status_->setText(tr("Drag a slider, click a grid cell, or randomize."));
  }
}

void LatentExplorerPanel::setClassNames(const QStringList& names) {
  const QSignalBlocker quiet(class_);
  for (int c = 0; c < class_->count(); ++c)
    class_->setItemText(c, names.size() == class_->count() ? names[c] : QString::number(c));
}

QString LatentExplorerPanel::className(int index) const { return class_->itemText(index); }

void LatentExplorerPanel::setNoiseDim(int dimension, int classes) {
  if (dimension == noiseDim_ && classes == classes_) return;
  noiseDim_ = dimension;
  classes_ = std::max(0, classes);
  {
    const QSignalBlocker quiet(class_);
    class_->clear();
    for (int c = 0; c < classes_; ++c) class_->addItem(QString::number(c));
  }
  class_->setVisible(classes_ > 0);
  classLabel_->setVisible(classes_ > 0);
  latent_ = withClass(QVector<float>(dimension, 0.0f));
  endpointA_.clear();
  endpointB_.clear();
  strip_.clear();
  stripView_->setImage({});
  stripView_->setMarker(-1);
  endpoints_->setText(tr("A and B: not set"));
  rebuildSliders(dimension);
}

void LatentExplorerPanel::rebuildSliders(int dimension) {
  qDeleteAll(sliders_);
  sliders_.clear();
  for (int i = 0; i < dimension; ++i) {
    auto* s = new QSlider(Qt::Vertical, sliderHost_);
    s->setRange(static_cast<int>(-kRange * kSliderSteps), static_cast<int>(kRange * kSliderSteps));
    s->setToolTip(tr("z[%1], from -3 to 3").arg(i));
    s->setAccessibleName(tr("z[%1]").arg(i));
    s->setEnabled(available_ && !projecting_);
    s->setFixedSize(kSliderWidth, kSliderHeight);
    s->setAttribute(Qt::WA_Hover);
    s->installEventFilter(this);
    sliders_.append(s);
    connect(s, &QSlider::valueChanged, this, [this, i](int position) {
      if (updatingSliders_) return;
      latent_[i] = static_cast<float>(position / double(kSliderSteps));
      showSliderValue(i);
      requestPreview();
    });
  }
  layOutSliders();
}

void LatentExplorerPanel::layOutSliders() {
  if (sliders_.isEmpty()) {
    sliderHost_->setFixedHeight(0);
    return;
  }
  const int step = kSliderWidth + kSliderGap;
  const int columns = std::max(1, (sliderHost_->width() + kSliderGap) / step);
  const int rows = (static_cast<int>(sliders_.size()) + columns - 1) / columns;
  // Centre the used columns; rows of sliders, z0 at the top left.
  const int used = std::min(columns, static_cast<int>(sliders_.size()));
  const int left = std::max(0, (sliderHost_->width() - (used * step - kSliderGap)) / 2);
  for (int i = 0; i < sliders_.size(); ++i) {
    sliders_[i]->move(left + (i % columns) * step, (i / columns) * (kSliderHeight + kSliderGap));
    sliders_[i]->show();
  }
  sliderHost_->setFixedHeight(rows * (kSliderHeight + kSliderGap));
}

bool LatentExplorerPanel::eventFilter(QObject* watched, QEvent* event) {
  if (watched == sliderHost_ && event->type() == QEvent::Resize) layOutSliders();
  if (event->type() == QEvent::HoverEnter || event->type() == QEvent::FocusIn) {
    const int index = sliders_.indexOf(qobject_cast<QSlider*>(watched));
    if (index >= 0) showSliderValue(index);
  }
  return QWidget::eventFilter(watched, event);
}

void LatentExplorerPanel::showSliderValue(int index) {
  if (index < 0 || index >= noiseDim_) return;
  sliderReadout_->setText(tr("z[%1] = %2").arg(index).arg(latent_[index], 0, 'f', 2));
}

void LatentExplorerPanel::showLatentOnSliders() {
  updatingSliders_ = true;
  for (int i = 0; i < sliders_.size() && i < latent_.size(); ++i) {
    const double clamped = std::clamp(static_cast<double>(latent_[i]), -kRange, kRange);
    sliders_[i]->setValue(static_cast<int>(std::lround(clamped * kSliderSteps)));
  }
  updatingSliders_ = false;
}

void LatentExplorerPanel::setLatent(const QVector<float>& z) {
  if (z.size() != noiseDim_ && z.size() != noiseDim_ + classes_) setNoiseDim(z.size());
  latent_ = withClass(z);
  if (classes_ > 0) {
    // A whole vector (a grid cell) brings its class: the picker shows the strongest.
    const QSignalBlocker quiet(class_);
    class_->setCurrentIndex(strongestClass(latent_));
  }
  showLatentOnSliders();
  requestPreview();
}

QVector<float> LatentExplorerPanel::withClass(const QVector<float>& z) const {
  if (classes_ == 0 || z.size() == noiseDim_ + classes_) return z;
  QVector<float> out = z.mid(0, noiseDim_);
  out.resize(noiseDim_ + classes_, 0.0f);
  out[noiseDim_ + std::max(0, class_->currentIndex())] = 1.0f;
  return out;
}

int LatentExplorerPanel::strongestClass(const QVector<float>& v) const {
  const auto weights = v.begin() + noiseDim_;
  return static_cast<int>(std::max_element(weights, v.end()) - weights);
}

int LatentExplorerPanel::currentClass() const { return classes_ > 0 ? class_->currentIndex() : -1; }

void LatentExplorerPanel::setClass(int index) {
  if (classes_ == 0 || index < 0 || index >= classes_) return;
  {
    const QSignalBlocker quiet(class_);
    class_->setCurrentIndex(index);
  }
  latent_ = withClass(zPart(latent_));
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
  // z along the chosen path; the class weights (if any) straight from A's to B's.
  const QVector<float> a = zPart(endpointA_);
  const QVector<float> b = zPart(endpointB_);
  QVector<float> out = mode_->currentIndex() == 1 ? slerp(a, b, t) : lerp(a, b, t);
  if (classes_ > 0) out += lerp(endpointA_.mid(noiseDim_), endpointB_.mid(noiseDim_), t);
  return out;
}

void LatentExplorerPanel::requestStrip() {
  if (!available_ || !hasEndpoints()) return;
  QVector<float> latents;
  for (int i = 0; i < stripLength(); ++i) latents += interpolate(i / double(stripLength() - 1));
  ++stamp_;
  Q_EMIT stripRequested(latents, stripLength(), stamp_);
}

void LatentExplorerPanel::setEndpoint(int which, const QVector<float>& given, bool fromCurrent) {
  if (given.size() != noiseDim_ && given.size() != noiseDim_ + classes_) return;
  const QVector<float> z = withClass(given);
  (which == 0 ? endpointA_ : endpointB_) = z;
  if (fromCurrent) endpointSeeds_[which] = 0;
  auto describe = [this](const QVector<float>& v, int seed) {
    if (v.isEmpty()) return tr("not set");
    QString text = seed > 0 ? tr("seed %1, norm %2").arg(seed).arg(norm(zPart(v)), 0, 'f', 1)
                            : tr("norm %1").arg(norm(zPart(v)), 0, 'f', 1);
    if (classes_ > 0) text += tr(", class %1").arg(strongestClass(v));
    return text;
  };
  endpoints_->setText(
      tr("A: %1    B: %2")
          .arg(describe(endpointA_, endpointSeeds_[0]), describe(endpointB_, endpointSeeds_[1])));
  if (hasEndpoints()) {
    // The preview stays on the vector just set: t moves to its end of the path.
    {
      const QSignalBlocker quiet(t_);
      t_->setValue(which == 0 ? 0 : kTSteps);
      tValue_->setText(QString::number(t(), 'f', 2));
    }
    latent_ = interpolate(t());
    showLatentOnSliders();
    requestPreview();
    requestStrip();
  } else if (!fromCurrent) {
    setLatent(z);  // a random end: show it
  }
  updateStripMarker();
}

void LatentExplorerPanel::updateStripMarker() {
  if (strip_.isEmpty()) {
    stripView_->setMarker(-1);
    return;
  }
  // Frame i is at t = i / (n - 1); its centre is at (i * (side + gap) + side / 2) of the strip.
  const int n = static_cast<int>(strip_.size());
  const int side = strip_.front().width();
  const int width = n * (side + 1) - 1;
  stripView_->setMarker((side / 2.0 + t() * (width - side)) / width);
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
  previewImage_ = image;
  if (saliency_.side != image.width()) saliency_ = {};
  showPreviewImage();
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
  updateStripMarker();
  return true;
}

void LatentExplorerPanel::refresh() {
  if (!engaged_) return;
  requestPreview();
  requestStrip();
}

QImage LatentExplorerPanel::shownPreview() const { return preview_->image(); }

void LatentExplorerPanel::showPreviewImage() {
  preview_->setImage(showsSaliency() && !saliency_.values.isEmpty()
                         ? overlaySaliency(previewImage_, saliency_)
                         : previewImage_);
}

bool LatentExplorerPanel::showsSaliency() const { return saliencyBox_->isChecked(); }
void LatentExplorerPanel::setShowSaliency(bool show) { saliencyBox_->setChecked(show); }

bool LatentExplorerPanel::setSaliency(const SaliencyMap& map, quint64 stamp) {
  if (stamp != shownPreview_ || !showsSaliency()) return false;
  saliency_ = map;
  showPreviewImage();
  const QString verdict =
      map.probability
          ? tr("D: %1 that it is real").arg(map.score, 0, 'f', 2)
          : tr("D's score: %1 (a critic: higher looks more real)").arg(map.score, 0, 'g', 3);
  lookCaption_->setText(tr("%1. <span style=\"color:%2\">■</span> brighter looks real to D, "
                           "<span style=\"color:%3\">■</span> brighter looks fake")
                            .arg(verdict, saliencyColor(1.0f).name(), saliencyColor(-1.0f).name()));
  return true;
}

void LatentExplorerPanel::showSaliencyUnavailable(const QString& why) {
  if (!showsSaliency()) return;
  saliency_ = {};
  showPreviewImage();
  lookCaption_->setText(why.toHtmlEscaped());
}

bool LatentExplorerPanel::showsLayers() const {
  return pages_->currentWidget() && pages_->currentIndex() == static_cast<int>(Page::Layers);
}

bool LatentExplorerPanel::setLayers(const QVector<LayerImages>& layers, quint64 stamp) {
  if (stamp != shownPreview_) return false;
  layerMaps_->setLayers(layers);
  return true;
}

void LatentExplorerPanel::showPage(Page page) { pages_->setCurrentIndex(static_cast<int>(page)); }

void LatentExplorerPanel::setImageSide(int side) { projection_->setSide(side); }

void LatentExplorerPanel::setProjecting(bool projecting) {
  projecting_ = projecting;
  projection_->setBusy(projecting);
  for (QWidget* control : controls_) control->setEnabled(available_ && !projecting);
  for (QSlider* s : sliders_) s->setEnabled(available_ && !projecting);
  if (projecting) status_->setText(tr("Projecting: the preview shows the best image so far"));
}

void LatentExplorerPanel::showProjectionImage(const QImage& image) {
  if (!projecting_) return;
  preview_->setImage(image);
}

void LatentExplorerPanel::applyProjection(const ProjectionOutcome& outcome) {
  setProjecting(false);
  projection_->showOutcome(outcome);
  if (outcome.inputs.size() != noiseDim_ + classes_) return;
  setLatent(outcome.inputs);
  status_->setText(outcome.cancelled ? tr("Projection stopped: the best vector so far is loaded")
                                     : tr("Projected: drag a slider to move from there"));
}

}  // namespace ui
