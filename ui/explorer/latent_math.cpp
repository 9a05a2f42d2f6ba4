#include "ui/explorer/latent_math.h"

#include <QRegularExpression>
#include <QStringList>
#include <cmath>
#include <random>

namespace ui {

QVector<float> lerp(const QVector<float>& a, const QVector<float>& b, double t) {
  QVector<float> out(a.size());
  for (int i = 0; i < a.size(); ++i) out[i] = static_cast<float>((1 - t) * a[i] + t * b[i]);
  return out;
}

QVector<float> slerp(const QVector<float>& a, const QVector<float>& b, double t) {
  double norm_a = 0;
  double norm_b = 0;
  double dot = 0;
  for (int i = 0; i < a.size(); ++i) {
    norm_a += double(a[i]) * a[i];
    norm_b += double(b[i]) * b[i];
    dot += double(a[i]) * b[i];
  }
  norm_a = std::sqrt(norm_a);
  norm_b = std::sqrt(norm_b);
  if (norm_a < 1e-12 || norm_b < 1e-12) return lerp(a, b, t);
  const double cosine = std::clamp(dot / (norm_a * norm_b), -1.0, 1.0);
  const double omega = std::acos(cosine);
  if (std::sin(omega) < 1e-6) return lerp(a, b, t);
  const double wa = std::sin((1 - t) * omega) / std::sin(omega);
  const double wb = std::sin(t * omega) / std::sin(omega);
  const double norm = (1 - t) * norm_a + t * norm_b;
  QVector<float> out(a.size());
  for (int i = 0; i < a.size(); ++i) {
    out[i] = static_cast<float>(norm * (wa * a[i] / norm_a + wb * b[i] / norm_b));
  }
  return out;
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
