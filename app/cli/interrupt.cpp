#include "app/cli/interrupt.h"

#include <atomic>
#include <csignal>

namespace gs::cli {

namespace {

std::atomic<bool> g_requested{false};

extern "C" void on_signal(int signal_number) {
  g_requested.store(true);
  std::signal(signal_number, SIG_DFL);  // a second Ctrl-C ends the program at once
}

}  // namespace

void install_interrupt_handler() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool interrupt_requested() { return g_requested.load(); }

}  // namespace gs::cli
