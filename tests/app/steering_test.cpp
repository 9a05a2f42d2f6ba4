// One steering state machine: the same requests, driven once through a real `ganstudio-cli train
// --paused` process (request files in its control folder) and once through the window's training
// worker (its own requests, as the window's buttons and form send them), leave the same
// changes.csv, the same statistics and the same sequence of states in RUN/control/status.
#include <QProcess>
#include <QThread>
#include <QtTest>
#include <functional>
#include <sstream>

#include "app/gui/run/training_worker.h"
#include "model/io/file_io.h"
#include "model/runs/control_channel.h"
#include "model/runs/run_directory.h"
#include "tests/common/test_support.h"

namespace {

// What RUN/control/status and changes.csv say after a request took effect.
struct Observed {
  std::string state;
  int64_t iteration = -1;
  size_t changes = 0;
  bool operator==(const Observed& other) const {
    return state == other.state && iteration == other.iteration && changes == other.changes;
  }
};

Observed observe(const std::string& run) {
  Observed seen;
  try {
    if (const auto status = gs::read_trainer_status(run)) {
      seen.state = gs::to_string(status->state);
      seen.iteration = status->iteration;
    }
    seen.changes = gs::read_changes(run).size();
  } catch (const gs::Error&) {
    // mid-write: the next look sees it whole
  }
  return seen;
}

// The requests, each with what the run shows once it took effect.
struct Step {
  gs::ControlRequest request;
  Observed then;
};

std::vector<Step> script() {
  auto make = [](gs::ControlCommand command, const std::string& key, const std::string& value) {
    gs::ControlRequest r;
    r.command = command;
    r.key = key;
    r.value = value;
    r.from = "the test";
    return r;
  };
  using gs::ControlCommand;
  return {
      {make(ControlCommand::Step, "", ""), {"paused", 1, 1}},
      {make(ControlCommand::Step, "", ""), {"paused", 2, 2}},
      {make(ControlCommand::Set, "training.learning_rate_d", "0.001"), {"paused", 2, 3}},
      {make(ControlCommand::Step, "", ""), {"paused", 3, 4}},
      {make(ControlCommand::Set, "training.iterations", "5"), {"paused", 3, 5}},
      {make(ControlCommand::Resume, "", ""), {"finished", 5, 6}},
  };
}

gs::RunConfig tinyRun() {
  gs::RunConfig config = gs::testing::tiny_config(gs::Preset::Compact);
  config.training.iterations = 100;
  config.training.threads = 1;
  config.outputs.sample_every = 2;
  config.outputs.checkpoint_every = 0;
  config.outputs.tensorboard = false;
  config.quality.every = 0;
  return config;
}

}  // namespace

class SteeringTest : public QObject {
  Q_OBJECT

 private:
  // Sends each request with `send` and waits until the run shows its effect; returns what it saw.
  static std::vector<Observed> drive(const std::string& run,
                                     const std::function<void(const gs::ControlRequest&)>& send) {
    std::vector<Observed> seen;
    for (const Step& step : script()) {
      send(step.request);
      if (!QTest::qWaitFor([&] { return observe(run) == step.then; }, 60000)) {
        const Observed now = observe(run);
        qWarning("after %s: %s at %lld with %zu changes", gs::to_string(step.request.command),
                 now.state.c_str(), static_cast<long long>(now.iteration), now.changes);
      }
      seen.push_back(observe(run));
    }
    return seen;
  }

 private Q_SLOTS:
  void theCliAndTheWindowSteerARunTheSameWay() {
    gs::testing::TempDir dir;
    const std::string config = dir.file("run.yaml");
    gs::save_config(tinyRun(), config);

    // The CLI: a real process, steered through files.
    const std::string cli = dir.file("cli");
    QProcess trainer;
    trainer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    trainer.start(QStringLiteral(GANSTUDIO_CLI_PATH),
                  {QStringLiteral("train"), QStringLiteral("--paused"), QStringLiteral("--quiet"),
                   QStringLiteral("--config"), QString::fromStdString(config),
                   QStringLiteral("--out"), QString::fromStdString(cli)});
    QVERIFY(trainer.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT((observe(cli) == Observed{"paused", 0, 0}), 60000);
    const std::vector<Observed> fromCli =
        drive(cli, [&](const gs::ControlRequest& r) { gs::send_control_request(cli, r); });
    QVERIFY(trainer.waitForFinished(60000));
    QCOMPARE(trainer.exitCode(), 0);

    // The window's worker, on its own thread as in the window, steered by its own requests.
    const std::string window = dir.file("window");
    QThread thread;
    auto* worker = new app::TrainingWorker;
    worker->moveToThread(&thread);
    connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    thread.start();
    QSignalSpy states(worker, &app::TrainingWorker::stateChanged);
    const gs::RunConfig stored = gs::load_config(config);
    QMetaObject::invokeMethod(worker, [worker, window, stored] {
      worker->startRun(stored, QString::fromStdString(window), /*paused=*/true);
    });
    QTRY_VERIFY_WITH_TIMEOUT((observe(window) == Observed{"paused", 0, 0}), 60000);
    const std::vector<Observed> fromWindow =
        drive(window, [&](const gs::ControlRequest& r) { worker->submit({r}); });
    QTRY_VERIFY_WITH_TIMEOUT(
        states.last().at(0).value<ui::TrainingState>() == ui::TrainingState::Finished, 60000);
    QMetaObject::invokeMethod(
        worker, [worker] { worker->shutdown(false); }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();

    std::vector<Observed> expected;
    for (const Step& step : script()) expected.push_back(step.then);
    QVERIFY(fromCli == expected);
    QVERIFY(fromWindow == expected);
    // The same acknowledgements and changes, at the same iterations, by the same sender.
    const std::string changes = gs::read_file(cli + "/changes.csv");
    QCOMPARE(gs::read_file(window + "/changes.csv"), changes);
    QCOMPARE(changes,
             std::string("iteration,key,value\n1,control.step,the test\n2,control.step,the test\n"
                         "3,training.learning_rate_d,0.001\n3,control.step,the test\n"
                         "4,training.iterations,5\n4,control.resume,the test\n"));
    QCOMPARE(gs::testing::metrics_without_clock(window + "/metrics.csv"),
             gs::testing::metrics_without_clock(cli + "/metrics.csv"));
    QCOMPARE(static_cast<int>(gs::read_metrics(cli + "/metrics.csv").size()), 5);
  }
};

QTEST_GUILESS_MAIN(SteeringTest)
#include "steering_test.moc"
