// One run core for both programs: the same run folder resumed through the CLI (a real
// ganstudio-cli process) and through the window's worker (on its own thread, as in the window)
// ends with the same metrics and the same recorded changes.
#include <QSignalSpy>
#include <QThread>
#include <QtTest>
#include <filesystem>
#include <sstream>

#include "app/gui/run/training_worker.h"
#include "model/io/file_io.h"
#include "model/runs/run_directory.h"
#include "model/training/training_run.h"
#include "tests/common/process.h"
#include "tests/common/test_support.h"

namespace {

namespace fs = std::filesystem;

}  // namespace

class RunCoreTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void theCliAndTheWindowResumeARunTheSameWay() {
    gs::testing::TempDir dir;
    const std::string original = dir.file("original");
    {
      gs::RunConfig config = gs::testing::tiny_config(gs::Preset::Compact);
      config.training.iterations = 10;
      config.outputs.sample_every = 3;
      config.outputs.checkpoint_every = 4;
      auto run = gs::TrainingRun::start(config, original);
      auto step = [&](int n) {
        for (int i = 0; i < n; ++i) QCOMPARE(run->step(), gs::StepResult::Trained);
      };
      step(2);
      gs::RunConfig live = run->config();
      live.training.learning_rate_d = 1e-3;
      run->change_settings(live);  // from iteration 3: kept by a resume from 4
      step(3);
      live.training.beta1 = 0.3;
      run->change_settings(live);  // from iteration 6: after the checkpoint, dropped
      step(1);
      run->flush();  // and no finish(): the process died at iteration 6
    }
    const std::string cli = dir.file("cli");
    const std::string window = dir.file("window");
    fs::copy(original, cli, fs::copy_options::recursive);
    fs::copy(original, window, fs::copy_options::recursive);

    const gs::testing::ProcessResult result =
        gs::testing::run_process({GANSTUDIO_CLI_PATH, "train", "--resume", cli, "--quiet"});
    QVERIFY2(result.exit_code == 0, result.output.c_str());

    QThread thread;
    auto* worker = new app::TrainingWorker;
    worker->moveToThread(&thread);
    connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    thread.start();
    QSignalSpy states(worker, &app::TrainingWorker::stateChanged);
    QMetaObject::invokeMethod(
        worker, [worker, window] { worker->resumeRun(QString::fromStdString(window)); });
    QTRY_VERIFY_WITH_TIMEOUT(!states.isEmpty() && states.last().at(0).value<ui::TrainingState>() ==
                                                      ui::TrainingState::Finished,
                             60000);
    QMetaObject::invokeMethod(
        worker, [worker] { worker->shutdown(false); }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();

    const std::string expected_changes = "iteration,key,value\n3,training.learning_rate_d,0.001\n";
    QCOMPARE(gs::read_file(cli + "/changes.csv"), expected_changes);
    QCOMPARE(gs::read_file(window + "/changes.csv"), expected_changes);
    const std::string from_cli = gs::testing::metrics_without_clock(cli + "/metrics.csv");
    QCOMPARE(gs::testing::metrics_without_clock(window + "/metrics.csv"), from_cli);
    QCOMPARE(static_cast<int>(gs::read_metrics(cli + "/metrics.csv").size()), 10);
    QCOMPARE(gs::RunDirectory::find_checkpoint(cli), cli + "/checkpoints/iter_0000010.pt");
    QCOMPARE(gs::RunDirectory::find_checkpoint(window), window + "/checkpoints/iter_0000010.pt");
    QCOMPARE(gs::RunDirectory::sample_grids(window).size(),
             gs::RunDirectory::sample_grids(cli).size());
  }
};

QTEST_GUILESS_MAIN(RunCoreTest)
#include "run_core_test.moc"
