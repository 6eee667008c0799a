// shutdown-join-in-teardown and the safety net for std::jthread: its
// destructor joins only if the thread is still joinable, which is the guard
// of the safety net. With an explicit stop that joins the thread, called
// from ordinary code, the implicit join is clean; without one it is reported.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <thread>

static void work() {}

// Negative: Stop() requests the stop and joins; main calls it.
class Clock {
public:
  void Stop() {
    tick_.request_stop();
    tick_.join();
  }

private:
  std::jthread tick_{work};
};
Clock gClock;

// Positive: nothing joins the thread before the destructor does.
class Metronome {
public:
  void Pause() { beat_.request_stop(); }

private:
  // CHECK: :[[@LINE+2]]:16: warning: destroying member 'beat_' ('std::jthread') joins its thread during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
  // CHECK: :[[@LINE+3]]:11: note: 'gMetronome' has static storage: it is destroyed at exit
  std::jthread beat_{work};
};
Metronome gMetronome;

int main() {
  gClock.Stop();
  gMetronome.Pause();
}
