#include "ui/explorer/latent_math.h"

#include <QRegularExpression>
#include <QStringList>
#include <cmath>
#include <random>

#include "model/core/latent_path.h"

namespace ui {

namespace {

QVector<float> toQVector(const std::vector<float>& v) { return QVector<float>(v.begin(), v.end()); }
std::vector<float> toStd(const QVector<float>& v) { return std::vector<float>(v.begin(), v.end()); }

}  // namespace

QVector<float> lerp(const QVector<float>& a, const QVector<float>& b, double t) {
  return toQVector(gs::lerp(toStd(a), toStd(b), t));
}

QVector<float> slerp(const QVector<float>& a, const QVector<float>& b, double t) {
  return toQVector(gs::slerp(toStd(a), toStd(b), t));
}

QString latentToText(const QVector<float>& z) {
  QStringList parts;
  parts.reserve(z.size());
  for (float v : z) parts << QString::number(v, 'g', 4);
  return QStringLiteral("[") + parts.join(QStringLiteral(", ")) + QStringLiteral("]");
}

bool latentFromText(const QString& text, int dimension, QVector<float>* z, QString* error) {
  QString body = text.trimmed();
  if (body.startsWith(QLatin1Char('['))) body.remove(0, 1);
  if (body.endsWith(QLatin1Char(']'))) body.chop(1);
  const QStringList parts =
      body.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
  QVector<float> values;
  for (const QString& part : parts) {
    bool ok = false;
    const float value = part.toFloat(&ok);
    if (!ok || !std::isfinite(value)) {
      if (error) *error = QObject::tr("'%1' is not a number").arg(part.left(20));
      return false;
    }
    values.append(value);
  }
  if (values.size() != dimension) {
    if (error) {
      *error = QObject::tr("expected %1 numbers (the noise dimension), got %2")
                   .arg(dimension)
                   .arg(values.size());
    }
    return false;
  }
  *z = values;
  return true;
}

QVector<float> randomLatent(int count, quint64 seed) {
  std::mt19937_64 engine(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  QVector<float> z(count);
  for (float& v : z) v = normal(engine);
  return z;
}

}  // namespace ui
