// shutdown-join-in-teardown and RAII: an object with automatic storage, or
// allocated and deleted by ordinary code, joins in its destructor outside
// teardown. 'Worker' below is used only that way and must not be reported.
// The same RAII objects do block when teardown code creates or deletes them.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <cstdlib>
#include <memory>
#include <thread>
#include <vector>

static void work() {}

class Worker {
public:
  Worker() : t_(work) {}
  ~Worker() { t_.join(); }

private:
  std::thread t_;
};

struct Pipeline {
  Worker Stage;
  std::unique_ptr<Worker> Extra = std::make_unique<Worker>();
};

// ---- Negatives: automatic storage and heap objects of ordinary code. ------

static Worker *gCurrent = nullptr;

void process() {
  Worker Local;
  Pipeline P;
  {
    std::vector<Worker> Many(2);
  }
  auto Owned = std::make_unique<Worker>();
  auto Shared = std::make_shared<Pipeline>();
  Owned.reset();
  Worker{};
}

void restart() {
  delete gCurrent;
  gCurrent = new Worker;
}

int main() {
  process();
  restart();
  Pipeline *P = new Pipeline;
  delete P;
  delete gCurrent;
}

// ---- Positives: RAII objects created or deleted by teardown code. ---------

// A scoped object inside an atexit handler.
class ScopedFlush {
public:
  ScopedFlush() : t_(work) {}
  ~ScopedFlush() {
    // CHECK: :[[@LINE+3]]:5: warning: 'std::thread::join' waits for thread 't_' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+38]]:3: note: 'flushAtExit' is registered with 'atexit' here: it runs at exit
    // CHECK: :[[@LINE+8]]:15: note: 'flushAtExit' destroys local 'Flush' of type 'ScopedFlush'
    t_.join();
  }

private:
  std::thread t_;
};
static void flushAtExit() {
  ScopedFlush Flush;
}

// A heap object deleted by a static's destructor.
class Uploader {
public:
  Uploader() : t_(work) {}
  ~Uploader() {
    // CHECK: :[[@LINE+4]]:5: warning: 'std::thread::join' waits for thread 't_' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+17]]:8: note: 'gClient' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE+11]]:15: note: 'Client::~Client' deletes an object of type 'Uploader' here
    // CHECK: :[[@LINE-5]]:16: note: the waited thread is started here by 'std::thread', running 'work'
    t_.join();
  }

private:
  std::thread t_;
};
class Client {
public:
  void connect() { Up = new Uploader; }
  ~Client() { delete Up; }

private:
  Uploader *Up = nullptr;
};
Client gClient;

void registerFlush() {
  std::atexit(flushAtExit);
}
