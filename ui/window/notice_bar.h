// A non-modal notice above the charts: a line of text, an optional "Show in Folder" button and a
// close button. It hides itself after a while; a newer notice replaces an older one. For results a
// person may want to act on (an export), where a modal box would only be in the way.
#pragma once

#include <QString>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;

namespace ui {

class NoticeBar : public QWidget {
  Q_OBJECT

 public:
  explicit NoticeBar(QWidget* parent = nullptr);

  // Shows `text`; with a `path`, "Show in Folder" opens the folder that holds it (or the folder
  // itself). Hides after `timeoutMs` (0: stays until closed).
  void showNotice(const QString& text, const QString& path = {}, int timeoutMs = 20000);
  QString text() const;
  // Hides it now (a different run: what it said was of the one before).
  void dismiss();
  QString path() const { return path_; }

 Q_SIGNALS:
  // "Show in Folder" was pressed for this folder (the window opens it with the desktop).
  void revealRequested(const QString& folder);

 private:
  QLabel* text_;
  QPushButton* reveal_;
  QString path_;
  QTimer hideTimer_;
};

// The folder a "Show in Folder" for `path` opens: the path itself when it is a folder, else the
// folder that holds it.
QString folderToReveal(const QString& path);

}  // namespace ui
