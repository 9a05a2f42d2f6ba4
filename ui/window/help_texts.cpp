#include "ui/window/help_texts.h"

#include <QCoreApplication>
#include <algorithm>

namespace ui {

QString gettingStartedHtml() {
  return QCoreApplication::translate(
      "ui::HelpTexts",
      "<h3>Getting started</h3>"
      "<ol>"
      "<li><b>Start</b> (Ctrl+Return) trains a GAN on the built-in MNIST digits. The charts "
      "show the discriminator's and the generator's loss and accuracy; the <b>Samples</b> "
      "grid shows what the generator draws now.</li>"
      "<li><b>Pause</b> with Space, train one iteration with S, <b>Stop</b> with Ctrl+. "
      "(a checkpoint is saved). Learning rates, betas and length can change while it trains: "
      "edit them and press Enter.</li>"
      "<li>Click a digit in the grid: the <b>Latent Explorer</b> shows its latent vector. "
      "Drag the sliders, press Randomize, or set A and B and move t to walk between two "
      "digits.</li>"
      "<li><b>File → Export</b> (Ctrl+E) writes the grid, a digit, the path, a training GIF, "
      "samples or the metrics. <b>File → Resume Run</b> continues a run later.</li>"
      "</ol>"
      "<p>Runs are kept in the runs folder, one folder per run. Help → Keyboard Shortcuts "
      "lists every key.</p>");
}

QString shortcutsHtml(QList<QPair<QString, QString>> rows) {
  // Keys of the panels (not the window's actions, which come in `rows`).
  static const char* const kPanelKeys[][2] = {
      {QT_TRANSLATE_NOOP("ui::HelpTexts", "Enter"),
       QT_TRANSLATE_NOOP("ui::HelpTexts", "Apply an edited setting (the keys above work again)")},
      {QT_TRANSLATE_NOOP("ui::HelpTexts", "Alt+A"),
       QT_TRANSLATE_NOOP("ui::HelpTexts",
                         "Settings: reset every setting to its default (the data set stays)")},
      {QT_TRANSLATE_NOOP("ui::HelpTexts", "Left / Right"),
       QT_TRANSLATE_NOOP("ui::HelpTexts",
                         "History (when it has the focus): the grid before / after")},
      {QT_TRANSLATE_NOOP("ui::HelpTexts", "Home / End"),
       QT_TRANSLATE_NOOP("ui::HelpTexts",
                         "History: the first grid / the newest (End follows the run again)")},
      {QT_TRANSLATE_NOOP("ui::HelpTexts", "Alt+B"),
       QT_TRANSLATE_NOOP("ui::HelpTexts", "History: branch a new run from the grid shown")},
      {QT_TRANSLATE_NOOP("ui::HelpTexts", "Alt+L"),
       QT_TRANSLATE_NOOP("ui::HelpTexts",
                         "Explorer: choose the class a conditional generator draws")},
  };
  for (const auto& [keys, what] : kPanelKeys) {
    rows.append({QCoreApplication::translate("ui::HelpTexts", keys),
                 QCoreApplication::translate("ui::HelpTexts", what)});
  }
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.second.localeAwareCompare(b.second) < 0; });
  QString html = QCoreApplication::translate("ui::HelpTexts", "<h3>Keyboard shortcuts</h3>") +
                 QStringLiteral("<table cellpadding='3'>");
  for (const auto& [keys, what] : rows) {
    html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                .arg(keys.toHtmlEscaped(), what.toHtmlEscaped());
  }
  html += QStringLiteral("</table><p>") +
          QCoreApplication::translate(
              "ui::HelpTexts",
              "Space and S work while a number field has the focus: they never type into it.") +
          QStringLiteral("</p>");
  return html;
}

}  // namespace ui
