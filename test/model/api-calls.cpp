// Calls of the APIs of ApiTables, found by the callee's name in the call
// map (checkers/model/extract/CallMap.h), each with its handler: joins,
// join functions, waits, thread creators, exit registrars, container
// inserters, smart-pointer resets. A call whose handler declines it (a
// "join" on what is not a thread, too few arguments, a qualified name that
// differs) is an ordinary call. Every call, site, start and root of the
// file is checked, with the default tables and with options.
//
// RUN: %dump_facts %s -- %mingw -std=c++17 > %t.default
// RUN: FileCheck %s --input-file=%t.default --match-full-lines --check-prefixes=CHECK,DEFAULT --implicit-check-not='{{^}}call ' --implicit-check-not='{{^}}site ' --implicit-check-not='{{^}}start ' --implicit-check-not='{{^}}root '
// RUN: %dump_facts --option='ThreadTypes=std::thread;app::Thread' --option='JoinFunctions=pthread_join;app::join' --option='AtExitRegistrars=atexit;app::onShutdown' --option='WaitFunctions=::app::wait:2' %s -- %mingw -std=c++17 > %t.options
// RUN: FileCheck %s --input-file=%t.options --match-full-lines --check-prefixes=CHECK,OPTIONS --implicit-check-not='{{^}}call ' --implicit-check-not='{{^}}site ' --implicit-check-not='{{^}}start ' --implicit-check-not='{{^}}root '

#include <cstdlib>
#include <memory>
#include <pthread.h>
#include <thread>
#include <vector>
#include <windows.h>

namespace app {
struct Thread {
  void join();
};
void join(int Id);
void wait(int A, int B, HANDLE H);
void wait(HANDLE H);
void onShutdown(void (*Handler)());
} // namespace app
namespace other {
void join(int Id);
} // namespace other

struct Worker {
  ~Worker();
  void reset();
  Worker &operator=(std::nullptr_t);
};

void cleanup();
void body();

void calls(std::thread &T, app::Thread &A, pthread_t Tid, HANDLE H) {
  // "join" on a thread type; on another class, a call unless ThreadTypes
  // names it.
  // CHECK: site {{.*}}:[[@LINE+1]]:3 calls join 'std::thread::join' on 'T' targets=P:calls#0 unguarded reason=any path=unknown
  T.join();
  // DEFAULT: call {{.*}}:[[@LINE+2]]:3 calls -> app::Thread::join call unguarded reason=any path=unknown on=param:calls#1
  // OPTIONS: site {{.*}}:[[@LINE+1]]:3 calls join 'app::Thread::join' on 'A' targets=P:calls#1 unguarded reason=any path=unknown
  A.join();
  // A free "join": a join function once JoinFunctions names it, by its
  // qualified name.
  // DEFAULT: call {{.*}}:[[@LINE+2]]:3 calls -> app::join call unguarded reason=any path=unknown
  // OPTIONS: site {{.*}}:[[@LINE+1]]:3 calls join-function 'app::join' on '1' targets=- unguarded reason=any path=unknown
  app::join(1);
  // CHECK: call {{.*}}:[[@LINE+1]]:3 calls -> other::join call unguarded reason=any path=unknown
  other::join(2);
  // CHECK: site {{.*}}:[[@LINE+1]]:3 calls join-function 'pthread_join' on 'Tid' targets=P:calls#2 unguarded reason=any path=unknown
  pthread_join(Tid, nullptr);
  // A wait function needs its handle argument: the overload with one
  // argument is not the wait.
  // DEFAULT: call {{.*}}:[[@LINE+2]]:3 calls -> app::wait call unguarded reason=any path=unknown args=2=P:calls#3
  // OPTIONS: site {{.*}}:[[@LINE+1]]:3 calls win32-wait 'app::wait' on 'H' targets=P:calls#3 unguarded reason=any path=unknown
  app::wait(1, 2, H);
  // CHECK: call {{.*}}:[[@LINE+1]]:3 calls -> app::wait call unguarded reason=any path=unknown args=0=P:calls#3
  app::wait(H);
  // Exit registrars: a function by address, a lambda; a project's own
  // registrar once AtExitRegistrars names it.
  // CHECK: root {{.*}}:[[@LINE+1]]:3 atexit cleanup registrar=atexit
  std::atexit(&cleanup);
  // CHECK: root {{.*}}:[[@LINE+3]]:3 atexit lambda at api-calls.cpp:[[@LINE+3]] registrar=atexit
  // The lambda's conversion to a function pointer is a call of its own.
  // CHECK: call {{.*}}:[[@LINE+1]]:10 calls -> calls::operator void (*)() call unguarded reason=any path=unknown on=local
  atexit([] {});
  // DEFAULT: call {{.*}}:[[@LINE+2]]:3 calls -> app::onShutdown call unguarded reason=any path=unknown
  // OPTIONS: root {{.*}}:[[@LINE+1]]:3 atexit cleanup registrar=app::onShutdown
  app::onShutdown(&cleanup);
  // A creator without a routine, whose handle is waited on (while
  // WaitForSingleObject is a wait function).
  // CHECK: start {{.*}}:[[@LINE+1]]:19 OpenThread -> calls::Opened handle in=calls
  HANDLE Opened = OpenThread(THREAD_ALL_ACCESS, FALSE, 42);
  // DEFAULT: site {{.*}}:[[@LINE+1]]:3 calls win32-wait 'WaitForSingleObject' on 'Opened' targets=calls::Opened unguarded reason=any path=unknown
  WaitForSingleObject(Opened, INFINITE);
}

// Not a root: destroying a std::thread joins nothing.
std::vector<std::thread> gThreads;
std::vector<int> gNumbers;
// CHECK: root {{.*}}:[[@LINE+2]]:25 static-destructor gOwned class=Worker::~Worker
// CHECK: call {{.*}}:[[@LINE+1]]:25 gOwned -> Worker::~Worker destroys-pointee via=''gOwned'' guarded reason=any path=unknown
std::unique_ptr<Worker> gOwned;
// CHECK: root {{.*}}:[[@LINE+2]]:8 static-destructor gPlain class=Worker::~Worker
// CHECK: call {{.*}}:[[@LINE+1]]:8 gPlain -> Worker::~Worker destroys via=''gPlain'' unguarded reason=any path=unknown
Worker gPlain;

void containersAndPointers() {
  // A thread built in place in a standard container of threads; not in a
  // container of ints.
  // CHECK: start {{.*}}:[[@LINE+1]]:3 std::thread -> gThreads routine=body in=containersAndPointers
  gThreads.emplace_back(body);
  gNumbers.emplace_back(1);
  // reset() and "= nullptr" on an owning pointer destroy its object; on a
  // class of the project, they are calls.
  // CHECK: call {{.*}}:[[@LINE+1]]:3 containersAndPointers -> Worker::~Worker destroys-pointee via='reset' guarded reason=any path=unknown
  gOwned.reset();
  // CHECK: call {{.*}}:[[@LINE+1]]:3 containersAndPointers -> Worker::reset call unguarded reason=any path=unknown on=var:gPlain
  gPlain.reset();
  // CHECK: call {{.*}}:[[@LINE+1]]:10 containersAndPointers -> Worker::~Worker destroys-pointee via='reset' guarded reason=any path=unknown
  gOwned = nullptr;
  // CHECK: call {{.*}}:[[@LINE+1]]:3 containersAndPointers -> Worker::operator= call unguarded reason=any path=unknown on=var:gPlain
  gPlain = nullptr;
}

// Program entry points besides main, at global scope only.
// CHECK: function {{.*}}:[[@LINE+1]]:5 wmain external main
int wmain(int, wchar_t **) { return 0; }
namespace ns {
// CHECK: function {{.*}}:[[@LINE+1]]:5 ns::WinMain external
int WinMain() { return 0; }
} // namespace ns

// The annotation that marks intended teardown.
// CHECK: root {{.*}}:[[@LINE+3]]:77 static-destructor gKept class=Worker::~Worker intentional
// CHECK: call {{.*}}:[[@LINE+2]]:77 gKept -> Worker::~Worker destroys-pointee via=''gKept'' guarded reason=any path=unknown
// CHECK: annotation {{.*}}:[[@LINE+1]]:77 gKept
[[clang::annotate("shutdown-hazards:intentional")]] std::unique_ptr<Worker> gKept;
