// shutdown-join-in-teardown through the variadic owning templates of the
// default OwningTemplates list: a static std::tuple or std::variant destroys
// its thread-owning alternatives at exit.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <thread>
#include <tuple>
#include <variant>

static void work() {}

struct Indexer {
  Indexer() : t(work) {}
  ~Indexer() {
    // CHECK: :[[@LINE+2]]:5: warning: 'std::thread::join' waits for thread 't' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+5]]:33: note: 'gTuple' has static storage: it is destroyed at exit
    t.join();
  }
  std::thread t;
};
static std::tuple<int, Indexer> gTuple;

struct Uploader {
  Uploader() : t(work) {}
  ~Uploader() {
    // CHECK: :[[@LINE+2]]:5: warning: 'std::thread::join' waits for thread 't' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+5]]:47: note: 'gVariant' has static storage: it is destroyed at exit
    t.join();
  }
  std::thread t;
};
static std::variant<std::monostate, Uploader> gVariant;

// Negatives: the same templates with automatic storage, or holding no owner.
struct Local {
  Local() : t(work) {}
  ~Local() { t.join(); }
  std::thread t;
};
static std::tuple<int, const char *> gPlain;

int main() {
  std::tuple<Local> T;
  std::variant<int, Local> V;
}
