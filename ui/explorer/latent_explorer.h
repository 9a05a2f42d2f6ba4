// The latent explorer: a large preview of G(z), one slider per latent dimension (range ±3), buttons
// to randomize (from a seed), reset, copy and paste z, and interpolation between two vectors A and
// B (linear or spherical) with the path shown as a strip of frames. For a conditional generator a
// class picker chooses what G draws ("draw a 7"); the vector the panel sends is then z followed by
// the class weights (one-hot; between two classes, a mixture), so A and B with the same z and two
// classes interpolate between the classes.
//
// The panel only asks: renderRequested / stripRequested carry a stamp that grows with every
// request; results come back through setPreview / setStrip and are dropped when older than what is
// shown.
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QImage>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include "ui/explorer/look_inside.h"
#include "ui/explorer/projection_pad.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QScrollArea;
class QSlider;
class QSpinBox;
class QTabWidget;

namespace ui {

class LayerMapsView;
class PixelView;

class LatentExplorerPanel : public QWidget {
  Q_OBJECT

 public:
  explicit LatentExplorerPanel(QWidget* parent = nullptr);

  // A generator is there (or not, with the reason shown instead of the preview).
  void setAvailable(bool available, const QString& why = {});
  bool isAvailable() const { return available_; }
  // Rebuilds the sliders for `dimension` values (z becomes zero) when it changes; `classes` > 0
  // shows the class picker (class 0 chosen).
  void setNoiseDim(int dimension, int classes = 0);
  int noiseDim() const { return noiseDim_; }
  int classes() const { return classes_; }
  // The classes' names in the picker (an image folder's sub-folders); numbers when empty.
  void setClassNames(const QStringList& names);
  QString className(int index) const;

  // z, followed by the class weights when the generator is conditional.
  QVector<float> latent() const { return latent_; }
  // The class G is asked to draw (-1: unconditional); setClass renders it.
  int currentClass() const;
  void setClass(int index);
  // Loads a vector (a grid cell, a paste) and renders it.
  void setLatent(const QVector<float>& z);
  // Whether a person has used the explorer (the app only streams weights to an engaged explorer).
  bool engaged() const { return engaged_; }

  // 0: A, 1: B. `fromCurrent`: the vector comes from the preview (A ← z, B ← z), not a seed.
  void setEndpoint(int which, const QVector<float>& given, bool fromCurrent = true);
  bool hasEndpoints() const { return !endpointA_.isEmpty() && !endpointB_.isEmpty(); }
  void setT(double t);
  double t() const;
  void setSpherical(bool spherical);
  int stripLength() const { return 9; }

  // Results; older stamps than the one shown are ignored. Returns whether it was shown.
  bool setPreview(const QImage& image, quint64 stamp);
  bool setStrip(const QVector<QImage>& frames, quint64 stamp);
  // Re-requests the current preview and strip (new generator weights).
  void refresh();

  // G(z) as rendered (without the saliency drawn over it).
  QImage preview() const { return previewImage_; }
  // What the preview shows: G(z), or G(z) under D's saliency.
  QImage shownPreview() const;
  QVector<QImage> stripFrames() const { return strip_; }
  // The stamp of the newest preview asked for, and of the one shown.
  quint64 lastRequestedStamp() const { return previewRequested_; }
  quint64 shownPreviewStamp() const { return shownPreview_; }
  double lastLatencyMs() const { return lastLatencyMs_; }
  QSlider* slider(int index) const;
  int seed() const;
  // For tests and screenshots: where the strip's t mark is (fraction of its width; -1: none).
  double stripMarker() const;

  // --- Looking inside (each preview request asks for what is shown) -------------------------
  // "Where D looks": D's saliency drawn over the preview (off by default; Alt+W).
  bool showsSaliency() const;
  void setShowSaliency(bool show);
  // The saliency of the preview with `stamp` (dropped unless that preview is the one shown), or
  // why there is none. Returns whether it was shown.
  bool setSaliency(const SaliencyMap& map, quint64 stamp);
  void showSaliencyUnavailable(const QString& why);
  const SaliencyMap& saliency() const { return saliency_; }
  // G's layers for the preview with `stamp`: asked for while their page is shown.
  bool showsLayers() const;
  bool setLayers(const QVector<LayerImages>& layers, quint64 stamp);
  LayerMapsView* layerMaps() const { return layerMaps_; }
  // The pages under the preview: interpolation, drawing and projection, G's layers.
  enum class Page { Interpolation, Draw, Layers };
  void showPage(Page page);

  // --- Projection (the generator's thread runs it; the controller passes its answers) --------
  ProjectionPad* projectionPad() const { return projection_; }
  // The generator's image side (the drawing pad's scale).
  void setImageSide(int side);
  // A projection runs: the controls wait, the preview shows its best image so far.
  void setProjecting(bool projecting);
  bool projecting() const { return projecting_; }
  void showProjectionImage(const QImage& image);
  // The projection ended: the explorer holds its vector (sliders, A/B, interpolation work from
  // it), and the page says what it found.
  void applyProjection(const ProjectionOutcome& outcome);

 Q_SIGNALS:
  void renderRequested(const QVector<float>& z, quint64 stamp);
  // The training images nearest to the preview's sample are asked for (its whole vector).
  void nearestRequested(const QVector<float>& z);
  // `latents`: frames x dimension values, row-major.
  void stripRequested(const QVector<float>& latents, int frames, quint64 stamp);
  void engagedChanged(bool engaged);
  // "Where D looks" was switched (the run's snapshots then carry D's weights).
  void saliencyToggled(bool on);
  // A rendered preview was put on screen (its stamp).
  void previewShown(quint64 stamp);
  void message(const QString& text);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void rebuildSliders(int dimension);
  void layOutSliders();
  void showSliderValue(int index);
  void updateStripMarker();
  void showLatentOnSliders();
  void requestPreview();
  void showPreviewImage();  // the raw preview, or it under the saliency
  void requestStrip();
  void engage();
  QVector<float> interpolate(double t) const;
  // `z` (noiseDim() values, or a whole vector) completed with the current class's weights.
  QVector<float> withClass(const QVector<float>& z) const;
  QVector<float> zPart(const QVector<float>& v) const { return v.mid(0, noiseDim_); }
  // The class with the largest weight in a whole vector (conditional only).
  int strongestClass(const QVector<float>& v) const;

  bool available_ = false;
  bool engaged_ = false;
  bool updatingSliders_ = false;
  int noiseDim_ = 0;
  int classes_ = 0;
  QVector<float> latent_;
  QVector<float> endpointA_;
  QVector<float> endpointB_;
  QVector<QImage> strip_;
  quint64 stamp_ = 0;
  quint64 previewRequested_ = 0;
  quint64 shownPreview_ = 0;
  quint64 shownStrip_ = 0;
  QHash<quint64, qint64> requestedAt_;
  QElapsedTimer clock_;
  double lastLatencyMs_ = -1;

  QImage previewImage_;
  SaliencyMap saliency_;
  bool projecting_ = false;

  PixelView* preview_;
  QCheckBox* saliencyBox_;
  QLabel* lookCaption_;
  QTabWidget* pages_;
  ProjectionPad* projection_;
  LayerMapsView* layerMaps_;
  PixelView* stripView_;
  QWidget* sliderHost_;
  QLabel* sliderReadout_;
  QVector<QSlider*> sliders_;
  int endpointSeeds_[2] = {0, 0};  // the seeds of random ends (0: taken from z)
  QSpinBox* seed_;
  QLabel* classLabel_;
  QComboBox* class_;
  QSlider* t_;
  QLabel* tValue_;
  QComboBox* mode_;
  QLabel* endpoints_;
  QLabel* status_;
  QVector<QWidget*> controls_;
};

}  // namespace ui
