// Latent vectors for the explorer: interpolation and the text form used to copy and paste them.
#pragma once

#include <QString>
#include <QVector>

namespace ui {

// (1 - t) a + t b.
QVector<float> lerp(const QVector<float>& a, const QVector<float>& b, double t);

// Spherical interpolation (model/core/latent_path.h: the latent walk video moves the same way).
QVector<float> slerp(const QVector<float>& a, const QVector<float>& b, double t);

// "[0.12, -1.5, ...]" with up to 4 decimals.
QString latentToText(const QVector<float>& z);

// Parses numbers separated by commas, spaces or new lines, with or without brackets. Returns false
// with a reason when the text is not `dimension` numbers.
bool latentFromText(const QString& text, int dimension, QVector<float>* z, QString* error);

// `count` values from N(0, 1) drawn from `seed` (the explorer's randomize button).
QVector<float> randomLatent(int count, quint64 seed);

}  // namespace ui
