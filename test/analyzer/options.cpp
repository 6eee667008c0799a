// The model's options as analyzer options, with clang-tidy's keys and forms:
// a project's own thread class, join function, wait function and thread
// creator. Set on the package they apply to every checker; set on one
// checker they apply to it alone and win over the package's.
//
// RUN: %clang_analyze_cc1 -analyzer-checker=shutdown %cc1_mingw -std=c++17 \
// RUN:   -verify=expected,defaults -verify-ignore-unexpected=note %s
// RUN: %clang_analyze_cc1 -analyzer-checker=shutdown %cc1_mingw -std=c++17 \
// RUN:   -verify=expected,package -verify-ignore-unexpected=note %s \
// RUN:   -analyzer-config shutdown:ThreadTypes='std::thread;base::Thread' \
// RUN:   -analyzer-config shutdown:JoinFunctions='pthread_join;JoinWorker' \
// RUN:   -analyzer-config shutdown:WaitFunctions='WaitForSingleObject:0:1;WaitAlertable:1:2' \
// RUN:   -analyzer-config shutdown:ThreadCreateFunctions='CreateThread:-1:2:1;SpawnWorker:-1:0:1'
// The checker's own value wins: here its list of waits no longer has WaitAlertable.
// RUN: %clang_analyze_cc1 -analyzer-checker=shutdown %cc1_mingw -std=c++17 \
// RUN:   -verify=expected,checker -verify-ignore-unexpected=note %s \
// RUN:   -analyzer-config shutdown:ThreadTypes='std::thread;base::Thread' \
// RUN:   -analyzer-config shutdown:JoinFunctions='pthread_join;JoinWorker' \
// RUN:   -analyzer-config shutdown:WaitFunctions='WaitForSingleObject:0:1;WaitAlertable:1:2' \
// RUN:   -analyzer-config shutdown:ThreadCreateFunctions='CreateThread:-1:2:1;SpawnWorker:-1:0:1' \
// RUN:   -analyzer-config shutdown.WaitThreadHandleInTeardown:WaitFunctions='WaitForSingleObject:0:1'

#include <windows.h>
#include <stdlib.h>

namespace base {
class Thread {
public:
  void start();
  void join();
};
} // namespace base

// Declared only: the project's wrappers, defined in another library.
void JoinWorker(int Id);
HANDLE SpawnWorker(LPTHREAD_START_ROUTINE Routine);
DWORD WaitAlertable(DWORD Flags, HANDLE H, DWORD Timeout);

static DWORD WINAPI Proc(LPVOID) { return 0; }
static base::Thread Poller;
static int WorkerId;
static HANDLE Spawned;

static void atExit() {
  Poller.join(); // package-warning{{'base::Thread::join' waits for thread 'Poller' during static teardown}} checker-warning{{'base::Thread::join' waits for thread 'Poller' during static teardown}}
  JoinWorker(WorkerId); // package-warning{{'JoinWorker' waits for thread 'WorkerId' during static teardown}} checker-warning{{'JoinWorker' waits for thread 'WorkerId' during static teardown}}
  HANDLE H = SpawnWorker(&Proc);
  WaitAlertable(0, H, INFINITE); // package-warning{{'WaitAlertable' waits on thread handle 'H' during static teardown}}
  WaitAlertable(0, H, 0);        // A poll, in every configuration.
  WaitForSingleObject(H, INFINITE); // package-warning{{'WaitForSingleObject' waits on thread handle 'H' during static teardown}} checker-warning{{'WaitForSingleObject' waits on thread handle 'H' during static teardown}}
  HANDLE T = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
  WaitForSingleObject(T, INFINITE); // expected-warning{{'WaitForSingleObject' waits on thread handle 'T' during static teardown}}
}

int main() {
  Poller.start();
  atexit(atExit);
}
