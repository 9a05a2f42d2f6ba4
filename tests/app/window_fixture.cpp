#include "tests/app/window_fixture.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QFile>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

#include "app/gui/config/config_controller.h"
#include "app/gui/config/form_bridge.h"
#include "app/gui/explorer/generator_service.h"
#include "app/gui/export/export_controller.h"
#include "app/gui/run/run_controller.h"
#include "app/gui/run/training_worker.h"
#include "model/io/error.h"
#include "model/runs/control_channel.h"
#include "model/runs/run_directory.h"
#include "ui/explorer/latent_explorer.h"
#include "ui/training/plots_panel.h"

namespace testing_gui {

const char* const kTinyConfig = R"(model:
  preset: compact
  noise_dim: 8
  g_widths: [16, 8, 4]
  d_widths: [4, 8, 16]
training:
  batch_size: 8
  iterations: 100000
  device: cpu
  threads: 2
outputs:
  run_dir: %1
  sample_every: 5
  checkpoint_every: 0
)";

const char* const kTinySeedConfig = R"(model:
  preset: seed
  noise_dim: 8
  g_widths: [4, 8, 4, 4]
  d_widths: [4, 4, 8, 8]
training:
  batch_size: 8
  iterations: 100000
  learning_rate_d: 0.0002
  learning_rate_g: 0.0002
  device: cpu
  threads: 2
outputs:
  run_dir: %1
  sample_every: 5
  checkpoint_every: 5
quality:
  every: 0
)";

const char* const kSeedConfig = R"(model:
  preset: seed
training:
  device: cpu
outputs:
  run_dir: %1
  sample_every: 5
)";

DialogAnswerer::DialogAnswerer(QString buttonText) : buttonText_(std::move(buttonText)) {
  timer_.setInterval(20);
  connect(&timer_, &QTimer::timeout, this, &DialogAnswerer::look);
  timer_.start();
}

void DialogAnswerer::look() {
  auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
  if (!box) return;
  timer_.stop();
  for (QAbstractButton* button : box->buttons()) {
    if (button->text() == buttonText_) {
      answered_ = true;
      problem_.clear();
      button->click();
      return;
    }
  }
  problem_ = QStringLiteral("the dialog \"%1\" has no button \"%2\"").arg(box->text(), buttonText_);
  box->reject();
}

WindowFixture::WindowFixture() {
  QStandardPaths::setTestModeEnabled(true);
  QSettings().clear();
}

WindowFixture::~WindowFixture() { close(); }

void WindowFixture::writeFile(const QString& name, const QByteArray& content) const {
  QFile file(path(name));
  if (!file.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path(name)));
  file.write(content);
}

void WindowFixture::open(const QString& runFolder, const char* configText) {
  close();
  window_ = std::make_unique<ui::MainWindow>(app::makeFormServices(false));
  controller_ = std::make_unique<app::WindowController>(window_.get());
  writeFile(QStringLiteral("config.yaml"), QString::fromUtf8(configText).arg(runFolder).toUtf8());
  if (!controller_->config()->openConfig(path(QStringLiteral("config.yaml"))))
    qFatal("bad test configuration");
  window_->show();
}

void WindowFixture::close() {
  controller_.reset();
  window_.reset();
}

bool WindowFixture::startAndWaitFor(int points) {
  window_->startAction()->trigger();
  return QTest::qWaitFor([&] { return window_->plots()->pointCount() >= points; }, 60000) &&
         window_->trainingState() == ui::TrainingState::Running;
}

bool WindowFixture::trainAndStop(const QString& run, int points, int grids) {
  open(run);
  if (!startAndWaitFor(points)) return false;
  if (!QTest::qWaitFor(
          [&] {
            return static_cast<int>(gs::RunDirectory::sample_grids(run.toStdString()).size()) >=
                   grids;
          },
          20000))
    return false;
  window_->stopAction()->trigger();
  return QTest::qWaitFor(
      [&] {
        return window_->trainingState() == ui::TrainingState::Stopped &&
               window_->explorer()->isAvailable();
      },
      20000);
}

std::pair<bool, QString> WindowFixture::exportNow(const ui::ExportRequest& request) {
  QSignalSpy finished(controller_->exporter(), &app::ExportController::exportFinished);
  controller_->exporter()->startExport(request);
  // A request refused at once answers before the spy could wait.
  if (finished.isEmpty() && !finished.wait(60000)) return {false, QStringLiteral("no answer")};
  return {finished.at(0).at(0).toBool(), finished.at(0).at(1).toString()};
}

bool WindowFixture::statusHoldsThrough(const QString& run, qint64 iteration) {
  const std::string path = run.toStdString();
  std::optional<gs::TrainerStatus> before;
  const bool there = QTest::qWaitFor(
      [&] {
        try {
          before = gs::read_trainer_status(path);
        } catch (const gs::Error&) {
          return false;  // being replaced: look again
        }
        return before && before->iteration == iteration;
      },
      30000);
  if (!there) return false;
  std::optional<gs::TrainerStatus> after;
  const bool rewritten = QTest::qWaitFor(
      [&] {
        try {
          after = gs::read_trainer_status(path);
        } catch (const gs::Error&) {
          return false;  // being replaced: look again
        }
        return after && after->updated != before->updated;
      },
      30000);
  return rewritten && after->state == before->state && after->iteration == before->iteration;
}

bool WindowFixture::waitForFreshWeights() {
  bool applied = false;
  QObject receiver;
  QObject::connect(
      controller_->generator(), &app::GeneratorService::weightsApplied, &receiver,
      [&] { applied = true; }, Qt::QueuedConnection);
  controller_->run()->requestSnapshot();
  return QTest::qWaitFor([&] { return applied; }, 30000);
}

qint64 WindowFixture::workerIteration() const {
  qint64 iteration = -1;
  auto* worker = controller_->worker();
  QMetaObject::invokeMethod(
      worker, [&] { iteration = worker->iteration(); }, Qt::BlockingQueuedConnection);
  return iteration;
}

std::pair<double, double> WindowFixture::learningRates() const {
  std::pair<double, double> rates;
  auto* worker = controller_->worker();
  QMetaObject::invokeMethod(
      worker,
      [&] {
        rates = {worker->dOptimizer().learning_rate, worker->gOptimizer().learning_rate};
      },
      Qt::BlockingQueuedConnection);
  return rates;
}

}  // namespace testing_gui
