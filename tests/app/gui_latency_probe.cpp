// Latency of the window while it trains, for scripts/gui-latency.sh (not a ctest test: these are
// measurements, which a loaded machine changes; the figures go to docs/PERFORMANCE.md):
//   - how late a 10 ms timer on the GUI thread fires while training runs;
//   - the latent explorer's time from a slider move to its frame on screen, while training runs
//     and after it stopped.
// GANSTUDIO_LATENCY_PRESET=seed measures with the seed model (the real case on a CPU); otherwise
// with the tests' tiny model. Prints one line per figure.
#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSlider>
#include <QtTest>
#include <algorithm>
#include <cstdio>

#include "tests/app/window_fixture.h"
#include "ui/explorer/latent_explorer.h"
#include "ui/window/main_window.h"

namespace {

// The worst lateness of a 10 ms timer over `ms` milliseconds.
qint64 worstTimerLateness(int ms) {
  QElapsedTimer clock;
  clock.start();
  qint64 last = 0;
  qint64 worst = 0;
  int ticks = 0;
  QTimer timer;
  timer.setInterval(10);
  QObject::connect(&timer, &QTimer::timeout, [&] {
    const qint64 now = clock.elapsed();
    if (ticks++ > 0) worst = std::max(worst, now - last - 10);
    last = now;
  });
  timer.start();
  QTest::qWait(ms);
  return worst;
}

// Median and worst time from a slider move to its frame on screen, over 20 moves.
std::pair<double, double> previewLatency(ui::LatentExplorerPanel* explorer) {
  QVector<double> latencies;
  QSignalSpy shown(explorer, &ui::LatentExplorerPanel::previewShown);
  for (int i = 0; i < 20; ++i) {
    shown.clear();
    QSlider* slider = explorer->slider(i % explorer->noiseDim());
    slider->setValue(slider->value() == 17 + 13 * i ? 0 : 17 + 13 * i);
    if (!shown.wait(20000)) return {-1, -1};
    latencies.append(explorer->lastLatencyMs());
    QTest::qWait(100);  // a person's pace: the moves spread over a few training iterations
  }
  std::sort(latencies.begin(), latencies.end());
  return {latencies[latencies.size() / 2], latencies.back()};
}

}  // namespace

int main(int argc, char** argv) {
  QApplication application(argc, argv);
  const bool seed = qEnvironmentVariable("GANSTUDIO_LATENCY_PRESET") == QLatin1String("seed");
  const char* model = seed ? "seed" : "tiny";
  testing_gui::WindowFixture fixture;
  fixture.open(fixture.path(QStringLiteral("run")),
               seed ? testing_gui::kSeedConfig : testing_gui::kTinyConfig);
  if (!fixture.startAndWaitFor(seed ? 1 : 5)) {
    std::fprintf(stderr, "training did not start\n");
    return 1;
  }
  ui::LatentExplorerPanel* explorer = fixture.window()->explorer();
  const qint64 worst = worstTimerLateness(seed ? 20000 : 3000);
  std::printf("gui timer lateness while training (%s model): worst %lld ms\n", model, worst);

  if (!QTest::qWaitFor([&] { return explorer->isAvailable(); }, 30000)) return 1;
  explorer->setLatent(QVector<float>(explorer->noiseDim(), 0.0f));
  const auto training = previewLatency(explorer);
  fixture.window()->stopAction()->trigger();
  if (!QTest::qWaitFor(
          [&] { return fixture.window()->trainingState() == ui::TrainingState::Stopped; }, 60000)) {
    std::fprintf(stderr, "training did not stop\n");
    return 1;
  }
  const auto idle = previewLatency(explorer);
  std::printf(
      "explorer preview latency (%s model): while training median %.1f ms, max %.1f ms; idle "
      "median %.1f ms, max %.1f ms\n",
      model, training.first, training.second, idle.first, idle.second);
  return 0;
}
