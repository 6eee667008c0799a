// The safety net written as an early return: the stop leaves at once when
// the thread is no longer running, whether the test sits in the stop's own
// block, in a nested block that holds a lock, or reads a flag that the stop
// sets, or leaves by throwing. With the stop called from main, the
// destructor's call is a harmless fallback; without it, the teardown join is
// reported. The classes are file-local, so that only what main reaches is
// ordinary code.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

static void work() {}

namespace {

// ---- Negatives: the stop is called from main, and guarded. ----------------

// The test under a lock, in a nested block; the join after it.
class Releaser {
public:
  void Start() { t_ = std::thread(work); }
  void Release() {
    {
      std::lock_guard<std::mutex> l(mu_);
      if (!t_.joinable())
        return;
      stop_ = true;
    }
    cv_.notify_all();
    t_.join();
  }
  ~Releaser() { Release(); }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread t_;
};
Releaser gReleaser;

// A flag the stop sets, tested and set under a lock.
class Flagged {
public:
  void Start() { t_ = std::thread(work); }
  void Stop() {
    std::unique_lock<std::mutex> l(mu_);
    if (stopped_)
      return;
    stopped_ = true;
    l.unlock();
    t_.join();
  }
  ~Flagged() { Stop(); }

private:
  std::mutex mu_;
  bool stopped_ = false;
  std::thread t_;
};
Flagged gFlagged;

// An atomic exchange: only the first caller goes on to join.
class Exchanged {
public:
  void Start() { t_ = std::thread(work); }
  void Stop() {
    if (!running_.exchange(false))
      return;
    t_.join();
  }
  ~Exchanged() { Stop(); }

private:
  std::atomic<bool> running_{true};
  std::thread t_;
};
Exchanged gExchanged;

// Leaving by throwing, from a nested block.
class Thrower {
public:
  void Start() { t_ = std::thread(work); }
  void Stop() {
    {
      std::lock_guard<std::mutex> l(mu_);
      if (!running_)
        throw 1;
      running_ = false;
    }
    t_.join();
  }
  ~Thrower() {
    try {
      Stop();
    } catch (...) {
    }
  }

private:
  std::mutex mu_;
  bool running_ = true;
  std::thread t_;
};
Thrower gThrower;

// ---- Positives: the same shape, but nothing calls the stop before exit. ----

class Forgotten {
public:
  void Start() { t_ = std::thread(work); }
  void Release() {
    {
      std::lock_guard<std::mutex> l(mu_);
      if (!t_.joinable())
        return;
    }
    // CHECK: :[[@LINE+1]]:5: warning: 'std::thread::join' waits for thread 't_' during static teardown; exit hangs if the thread does not finish, and the thread may still use objects already destroyed [shutdown-join-in-teardown]
    t_.join();
  }
  ~Forgotten() { Release(); }

private:
  std::mutex mu_;
  std::thread t_;
};
// CHECK: :[[@LINE+1]]:11: note: 'gForgotten' has static storage: it is destroyed at exit
Forgotten gForgotten;

// A guard in a block that a loop repeats is no early return of the stop:
// "continue" leaves one round, and the join after the loop still runs.
class Looping {
public:
  void Start() { t_ = std::thread(work); }
  void Stop() {
    for (int i = 0; i < 3; ++i) {
      if (!t_.joinable())
        continue;
    }
    // CHECK: :[[@LINE+1]]:5: warning: 'std::thread::join' waits for thread 't_' during static teardown{{.*}} [shutdown-join-in-teardown]
    t_.join();
  }
  ~Looping() { Stop(); }

private:
  std::thread t_;
};
Looping gLooping;

} // namespace

int main() {
  gReleaser.Start();
  gFlagged.Start();
  gExchanged.Start();
  gForgotten.Start();
  gThrower.Start();
  gLooping.Start();
  gReleaser.Release();
  gFlagged.Stop();
  gExchanged.Stop();
  gThrower.Stop();
  gLooping.Stop();
}
