// shutdown-join-in-teardown and the safety net through a shared helper: the
// explicit Stop() and the destructor both call joinIfRunning(t_), whose join
// is guarded by joinable(). The thread the helper joins is the argument, so
// Stop() (called from main) is an explicit stop of the same thread: clean.
// A class that only joins through the helper from its destructor is reported.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <thread>

static void work() {}

static void joinIfRunning(std::thread &T) {
  if (T.joinable())
    T.join();
}

// Negative: the safety net, through the helper.
class Service {
public:
  Service() : t_(work) {}
  void Stop() { joinIfRunning(t_); }
  ~Service() { joinIfRunning(t_); }

private:
  std::thread t_;
};
Service gService;

// Positive: the same guarded helper, with no explicit stop. It has its own
// helper, so that its finding does not share a blocking site with Service.
static void joinThread(std::thread &T) {
  if (T.joinable())
    // CHECK: :[[@LINE+3]]:5: warning: 'std::thread::join' waits for thread 'T' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+12]]:8: note: 'gLonely' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE+6]]:15: note: 'Lonely::~Lonely' calls 'joinThread' here
    T.join();
}
class Lonely {
public:
  Lonely() : t_(work) {}
  ~Lonely() { joinThread(t_); }

private:
  std::thread t_;
};
Lonely gLonely;

int main() { gService.Stop(); }
