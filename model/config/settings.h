// What the field table (fields.cpp) knows of each configuration key beyond reading and writing it:
// whether it may change while a run trains, what it excludes or is linked with, when a value is
// unusual, and how the window shows it (its group and place in the settings form, its label and
// editor, the labels of its choices, the label of its change marker on the charts). The window's
// form, the charts' markers and the live settings are derived from these; no other place lists
// keys.
//
// Texts a person reads in the window (labels, choices, group titles) are English here and marked
// with GS_TRANSLATE so that lupdate collects them (scripts/update-translations.sh, context
// kSettingsContext); the window translates them. Descriptions (`help`) stay English, as the
// model library's messages do.
#pragma once

#include <limits>
#include <string>
#include <vector>

// Marks a text for translation; expands to the text itself (the model library has no Qt).
#define GS_TRANSLATE(context, text) text

namespace gs {

// The translation context of every text GS_TRANSLATE marks in the model library.
inline constexpr const char* kSettingsContext = "gs::settings";

enum class ValueKind { Integer, Real, Choice, Flag, Text, List };

// Where a key sits in the window's settings form (None: only in configuration files).
enum class FormGroup { None, DataAndModel, Length, Optimizer, Outputs };

// How the form edits a key: a line of text, a list of choices, the data set (its choices plus
// "another file" and "a folder"), the device (choices the program finds at run time).
enum class FormEditor { Line, Choice, DataSet, Device };

struct SettingChoice {
  std::string value;  // as the configuration file writes it
  std::string label;  // GS_TRANSLATE'd
  std::string tip;    // GS_TRANSLATE'd
};

struct SettingInfo {
  std::string key;
  std::string help;  // one line: tooltips and the comments of config.yaml
  ValueKind kind = ValueKind::Text;
  // Unset stands for a value that depends on other keys (resolve()): the preset's, the device's.
  bool optional = false;
  // May change while the run trains (live_settings.h), from the next iteration on.
  bool live = false;
  // Says where a run goes rather than what it is (outputs.run_dir): left out when runs are
  // compared.
  bool describes_run = true;
  // Setting this key unsets that one (the run's length: iterations or epochs).
  std::string excludes;
  // The form edits both together unless the person unlinks them (the two learning rates).
  std::string linked_with;
  // Acceptable values outside [usual_low, usual_high] get `usual_advice` (unusual_value()).
  double usual_low = -std::numeric_limits<double>::infinity();
  double usual_high = std::numeric_limits<double>::infinity();
  std::string usual_advice;
  // The settings form.
  FormGroup group = FormGroup::None;
  int form_rank = 0;  // the rows' order in the form
  std::string label;  // with a mnemonic ("Learning rate &D"); GS_TRANSLATE'd
  FormEditor editor = FormEditor::Line;
  std::vector<SettingChoice> choices;  // a Choice or DataSet editor's fixed choices
  std::string chart_label;             // a live key's change marker ("lr D"); GS_TRANSLATE'd
};

// Every key, in file order.
const std::vector<SettingInfo>& setting_infos();
// The key's description, or null for a key that does not exist.
const SettingInfo* setting_info(const std::string& key);
// The keys the settings form shows, in its order.
std::vector<const SettingInfo*> form_rows();
// A group's title in the form (GS_TRANSLATE'd).
std::string form_group_title(FormGroup group);

// Why `text` is not acceptable for `key` as set_text() takes it ("" when it is): the window
// validates as you type.
std::string check_value(const std::string& key, const std::string& text);

// A warning when an acceptable value is far outside what works for a DCGAN ("" when it is usual):
// learning rates outside 1e-5..1e-2, beta1 above 0.95, beta2 below 0.9, batch sizes above 1024.
// The window shows it beside the field and the CLI prints it; neither refuses the value.
std::string unusual_value(const std::string& key, const std::string& text);

// Whether `key` may change while the run trains (learning rates, betas, length, sample interval):
// marked in the field table, the one list of them. live_keys() gives them in file order.
bool is_live_key(const std::string& key);
const std::vector<std::string>& live_keys();

// Every key, in file order, and its one-line description (used for comments and tooltips).
const std::vector<std::string>& config_keys();
std::string describe_key(const std::string& key);

}  // namespace gs
