// shutdown-join-in-teardown for a static container of std::jthread: every
// element joins when the container is destroyed. The note names the type
// that started the thread: a std::jthread built in place by emplace_back.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <thread>
#include <vector>

static void work() {}

// CHECK: :[[@LINE+3]]:34: warning: destroying 'gCrew' ('std::jthread') joins its thread during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
// CHECK: :[[@LINE+2]]:34: note: 'gCrew' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+4]]:3: note: the waited thread is started here by 'std::jthread', running 'work'
static std::vector<std::jthread> gCrew;

void hire() {
  gCrew.emplace_back(work);
}

// Negative: the same container with automatic storage.
int main() {
  std::vector<std::jthread> Local;
  Local.emplace_back(work);
  hire();
}
