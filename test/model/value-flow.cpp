// Where threads and handles are kept, and how they move
// (checkers/model/extract/ValueFlow.cpp): the place a new thread or handle
// is stored in (starts), the places a wait or a join reads from (a site's
// targets), the copies between places, and how the destruction of a
// pointee is told. Every start, site and copy of the file is checked.
//
// RUN: %dump_facts %s -- %mingw -std=c++17 > %t
// RUN: FileCheck %s --input-file=%t --match-full-lines --implicit-check-not='{{^}}start ' --implicit-check-not='{{^}}site '
// RUN: FileCheck %s --input-file=%t --match-full-lines --implicit-check-not='{{^}}copy ' --check-prefix=COPY

#include <memory>
#include <process.h>
#include <pthread.h>
#include <thread>
#include <vector>
#include <windows.h>

static DWORD WINAPI Proc(LPVOID) { return 0; }
static unsigned __stdcall ProcEx(void *) { return 0; }
static void *PosixProc(void *) { return nullptr; }
void body();
void waitOn(HANDLE H);
void joinOne(std::thread &T);

// ---- Starts: where the new thread or handle goes -------------------------

// Returned: the function's value, R:<function>.
// CHECK: start {{.*}}:[[@LINE+1]]:31 CreateThread -> R:startWorker routine=Proc handle in=startWorker
HANDLE startWorker() { return CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr); }
// A global's initializer.
// CHECK: start {{.*}}:[[@LINE+1]]:19 CreateThread -> gStarted routine=Proc handle in=I:c:@gStarted
HANDLE gStarted = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
// A handle from a factory: the factory's value flows into the global.
HANDLE gFromFactory = startWorker();

namespace app {
// Not Win32's DuplicateHandle: an ordinary function.
BOOL DuplicateHandle(HANDLE, HANDLE, HANDLE, HANDLE *, DWORD, BOOL, DWORD);
} // namespace app

struct Worker {
  HANDLE H = nullptr;
  HANDLE Copy = nullptr;
  HANDLE Dup = nullptr;
  HANDLE NotDup = nullptr;
  HANDLE Handles[2] = {};
  uintptr_t Ex = 0;
  pthread_t Tid;
  int Count = 0;
  std::thread T;
  std::vector<std::thread> Pool;
  std::vector<int> Numbers;

  // A constructor's initializer: the parameter flows into the member.
  Worker(HANDLE Given) : Copy(Given) {}

  void start() {
    // Assigned to a member, an array element, a uintptr_t; received through
    // a pointer argument (pthread_create's first).
    // CHECK: start {{.*}}:[[@LINE+1]]:9 CreateThread -> Worker::H routine=Proc handle in=Worker::start
    H = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
    // CHECK: start {{.*}}:[[@LINE+1]]:18 CreateThread -> Worker::Handles routine=Proc handle in=Worker::start
    Handles[1] = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
    // CHECK: start {{.*}}:[[@LINE+1]]:10 _beginthreadex -> Worker::Ex routine=ProcEx handle in=Worker::start
    Ex = _beginthreadex(nullptr, 0, &ProcEx, nullptr, 0, nullptr);
    // CHECK: start {{.*}}:[[@LINE+1]]:5 pthread_create -> Worker::Tid routine=PosixProc in=Worker::start
    pthread_create(&Tid, nullptr, &PosixProc, nullptr);
    // A thread object: assigned, built in place in a container, added to it.
    // CHECK: start {{.*}}:[[@LINE+1]]:9 std::thread -> Worker::T routine=body in=Worker::start
    T = std::thread(body);
    // CHECK: start {{.*}}:[[@LINE+1]]:5 std::thread -> Worker::Pool routine=body in=Worker::start
    Pool.emplace_back(body);
    // CHECK: start {{.*}}:[[@LINE+1]]:20 std::thread -> Worker::Pool routine=lambda at value-flow.cpp:[[@LINE+1]] in=Worker::start
    Pool.push_back(std::thread([] {}));
    // Not a container of threads.
    Numbers.push_back(1);
    // A handle-like assignment copies; an int does not.
    Copy = H;
    Count = 2;
    // Win32's DuplicateHandle copies its second argument into the fourth;
    // another function of that name only receives H as its argument.
    DuplicateHandle(GetCurrentProcess(), H, GetCurrentProcess(), &Dup, 0,
                    FALSE, DUPLICATE_SAME_ACCESS);
    app::DuplicateHandle(GetCurrentProcess(), H, GetCurrentProcess(), &NotDup,
                         0, FALSE, DUPLICATE_SAME_ACCESS);
    // A local, passed to a helper's handle parameter.
    // CHECK: start {{.*}}:[[@LINE+1]]:20 CreateThread -> Worker::start::Local routine=Proc handle in=Worker::start
    HANDLE Local = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
    waitOn(Local);
  }

  // ---- Targets: what a wait or a join reads ------------------------------

  void stop() {
    // CHECK: site {{.*}}:[[@LINE+1]]:5 Worker::stop win32-wait 'WaitForSingleObject' on 'H' targets=Worker::H unguarded reason=any path=unknown of=this
    WaitForSingleObject(H, INFINITE);
    // CHECK: site {{.*}}:[[@LINE+1]]:5 Worker::stop win32-wait 'WaitForMultipleObjects' on 'Handles' targets=Worker::Handles unguarded reason=any path=unknown of=this
    WaitForMultipleObjects(2, Handles, TRUE, INFINITE);
    // A timeout of 0 is a poll: no site.
    WaitForSingleObject(H, 0);
    // A thread's own handle.
    // CHECK: site {{.*}}:[[@LINE+1]]:5 Worker::stop win32-wait 'WaitForSingleObject' on '(HANDLE)T.native_handle()' targets=Worker::T thread-handle unguarded reason=any path=unknown
    WaitForSingleObject((HANDLE)T.native_handle(), INFINITE);
    // A local reads what initialized it.
    HANDLE Mine = H;
    // CHECK: site {{.*}}:[[@LINE+1]]:5 Worker::stop win32-wait 'WaitForSingleObject' on 'Mine' targets=Worker::stop::Mine,Worker::H unguarded reason=any path=unknown
    WaitForSingleObject(Mine, INFINITE);
    // CHECK: site {{.*}}:[[@LINE+1]]:5 Worker::stop join-function 'pthread_join' on 'Tid' targets=Worker::Tid unguarded reason=any path=unknown of=this
    pthread_join(Tid, nullptr);
    // A factory's value.
    // CHECK: site {{.*}}:[[@LINE+1]]:5 Worker::stop win32-wait 'WaitForSingleObject' on 'startWorker()' targets=R:startWorker unguarded reason=any path=unknown
    WaitForSingleObject(startWorker(), INFINITE);
    // Threads and handles passed to helpers flow into their parameters.
    waitOn(H);
    joinOne(T);
    // The elements of a container, by range, accessor or subscript.
    for (std::thread &Each : Pool)
      // CHECK: site {{.*}}:[[@LINE+1]]:7 Worker::stop join 'std::thread::join' on 'Each' targets=Worker::Pool unguarded reason=any path=unknown
      Each.join();
    // CHECK: site {{.*}}:[[@LINE+1]]:5 Worker::stop join 'std::thread::join' on 'Pool.front()' targets=Worker::Pool unguarded reason=any path=unknown
    Pool.front().join();
    // CHECK: site {{.*}}:[[@LINE+1]]:5 Worker::stop join 'std::thread::join' on 'Pool[0]' targets=Worker::Pool unguarded reason=any path=unknown
    Pool[0].join();
  }
};

// A parameter: what every caller passes.
void waitParam(HANDLE Param) {
  // CHECK: site {{.*}}:[[@LINE+1]]:3 waitParam win32-wait 'WaitForSingleObject' on 'Param' targets=P:waitParam#0 unguarded reason=any path=unknown
  WaitForSingleObject(Param, INFINITE);
}

// ---- How destroying a pointee is told ------------------------------------

struct Pool {
  ~Pool();
};
std::unique_ptr<Pool> gPool;

void drop() {
  // Emptying the static pointer destroys its object: "reset".
  // CHECK: call {{.*}}:[[@LINE+1]]:3 drop -> Pool::~Pool destroys-pointee via='reset' guarded reason=any path=unknown
  gPool.reset();
  // CHECK: call {{.*}}:[[@LINE+1]]:9 drop -> Pool::~Pool destroys-pointee via='reset' guarded reason=any path=unknown
  gPool = nullptr;
  // Replacing it with a new object is not counted.
  gPool.reset(new Pool);
  // A local given a new object where it is declared: another instance.
  auto Fresh = std::make_unique<Pool>();
  // CHECK: call {{.*}}:[[@LINE+1]]:3 drop -> Pool::~Pool destroys-pointee via='local 'Fresh'' guarded reason=any path=unknown
  Fresh.reset();
  Pool *Raw = new Pool;
  // CHECK: call {{.*}}:[[@LINE+1]]:3 drop -> Pool::~Pool destroys via='local 'Raw'' unguarded reason=any path=unknown
  delete Raw;
}

// ---- Copies ---------------------------------------------------------------
// Copies have no location: they are printed last, in the order of their
// text. From gFromFactory's initializer, the helper calls of start() and
// stop() (app::DuplicateHandle is one), Worker's constructor, "Copy = H",
// and Win32's DuplicateHandle.
// COPY:      copy P:app::DuplicateHandle#1 <- Worker::H
// COPY-NEXT: copy P:joinOne#0 <- Worker::T
// COPY-NEXT: copy P:waitOn#0 <- Worker::H
// COPY-NEXT: copy P:waitOn#0 <- Worker::start::Local
// COPY-NEXT: copy Worker::Copy <- P:Worker::Worker#0
// COPY-NEXT: copy Worker::Copy <- Worker::H
// COPY-NEXT: copy Worker::Dup <- Worker::H
// COPY-NEXT: copy gFromFactory <- R:startWorker
