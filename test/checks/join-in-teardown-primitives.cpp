// shutdown-join-in-teardown: every joining primitive, at any call depth below
// a static destructor: std::thread::join, the implicit join of std::jthread
// (member, namespace-scope and function-local static), pthread_join, and a wrapper class
// whose join() calls std::thread::join. The finding sits on the innermost
// blocking call, with one note per frame of the chain.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <pthread.h>
#include <thread>
#include <vector>

static void work() {}

// ---- The implicit join of a std::jthread member (C++20). ------------------

struct Ticker {
  int Period = 10;
  // CHECK: :[[@LINE+3]]:16: warning: destroying member 'ticks' ('std::jthread') joins its thread during static teardown; exit hangs if the thread does not finish, and the thread may still use objects already destroyed [shutdown-join-in-teardown]
  // CHECK: :[[@LINE+4]]:8: note: 'gTicker' has static storage: it is destroyed at exit
  // CHECK: :[[@LINE+1]]:21: note: the waited thread is started here by 'std::jthread', running 'work'
  std::jthread ticks{work};
};
Ticker gTicker;

// ---- A static std::jthread. ----------------------------------------------

// CHECK: :[[@LINE+3]]:21: warning: destroying 'gPoller' ('std::jthread') joins its thread during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
// CHECK: :[[@LINE+2]]:21: note: 'gPoller' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+1]]:21: note: the waited thread is started here by 'std::jthread', running 'work'
static std::jthread gPoller(work);

// A function-local static std::jthread.
std::jthread &backgroundLoader() {
  // CHECK: :[[@LINE+2]]:23: warning: destroying 'loader' ('std::jthread') joins its thread during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
  // CHECK: :[[@LINE+1]]:23: note: 'backgroundLoader::loader' has static storage: it is destroyed at exit
  static std::jthread loader(work);
  return loader;
}

// ---- pthread_join on a pthread_t member started with pthread_create. ------

class Reader {
public:
  Reader() { pthread_create(&th_, nullptr, &Reader::run, this); }
  ~Reader() {
    // CHECK: :[[@LINE+3]]:5: warning: 'pthread_join' waits for thread 'th_' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+9]]:8: note: 'gReader' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE-4]]:14: note: the waited thread is started here by 'pthread_create', running 'Reader::run'
    pthread_join(th_, nullptr);
  }

private:
  static void *run(void *) { return nullptr; }
  pthread_t th_;
};
Reader gReader;

// ---- Depth: destructor -> private Shutdown -> helper -> join. -------------

class Indexer {
public:
  Indexer() : t_(work) {}
  ~Indexer() { Shutdown(); }

private:
  void Shutdown() {
    Pending = 0;
    stopWorkers();
  }
  void stopWorkers() {
    // CHECK: :[[@LINE+4]]:5: warning: 'std::thread::join' waits for thread 't_' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+8]]:9: note: 'gIndexer' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE-10]]:16: note: 'Indexer::~Indexer' calls 'Indexer::Shutdown' here
    // CHECK: :[[@LINE-6]]:5: note: 'Indexer::Shutdown' calls 'Indexer::stopWorkers' here
    t_.join();
  }
  int Pending = 0;
  std::thread t_;
};
Indexer gIndexer;

// A free helper that joins whatever thread it is given.
static void joinThread(std::thread &T) {
  // CHECK: :[[@LINE+3]]:3: warning: 'std::thread::join' waits for thread 'T' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
  // CHECK: :[[@LINE+9]]:9: note: 'gCrawler' has static storage: it is destroyed at exit
  // CHECK: :[[@LINE+5]]:16: note: 'Crawler::~Crawler' calls 'joinThread' here
  T.join();
}
struct Crawler {
  Crawler() : t(work) {}
  ~Crawler() { joinThread(t); }
  std::thread t;
};
Crawler gCrawler;

// ---- A wrapper class whose join() calls std::thread::join. ----------------

class Thread {
public:
  explicit Thread(void (*Fn)()) : impl_(Fn) {}
  void join() {
    // CHECK: :[[@LINE+4]]:5: warning: 'std::thread::join' waits for thread 'impl_' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+16]]:8: note: 'gMailer' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE+10]]:15: note: 'Mailer::~Mailer' calls 'Thread::join' here
    // CHECK: :[[@LINE-5]]:35: note: the waited thread comes from 'std::thread' here
    impl_.join();
  }

private:
  std::thread impl_;
};
class Mailer {
public:
  ~Mailer() { sender_.join(); }

private:
  Thread sender_{work};
};
Mailer gMailer;

// ---- Negatives: the same primitives outside teardown. ---------------------

struct LocalTicker {
  std::jthread ticks{work};
};
static void *idle(void *) { return nullptr; }

int main() {
  LocalTicker Ticker;
  std::jthread Scoped(work);
  std::vector<std::jthread> Batch;
  Batch.emplace_back(work);
  pthread_t Th;
  pthread_create(&Th, nullptr, idle, nullptr);
  pthread_join(Th, nullptr);
  std::thread T(work);
  joinThread(T);
  Thread Wrapped(work);
  Wrapped.join();
  backgroundLoader();
}
