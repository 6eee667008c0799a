// shutdown.SingletonThreadWithoutUninit: a class with a static-storage
// instance whose thread only its teardown stops, reported where a path
// from teardown reaches that join, in the model's words. A class with an
// explicit stop called from ordinary code, a class only destroyed in
// ordinary code, and a destructor that cannot reach the join are clean.
//
// RUN: %clang_analyze_cc1 -analyzer-checker=shutdown.SingletonThreadWithoutUninit %cc1_mingw -std=c++17 \
// RUN:   -verify=expected,exe -verify-ignore-unexpected=note %s
// RUN: %clang_analyze_cc1 -analyzer-checker=shutdown.SingletonThreadWithoutUninit %cc1_mingw -std=c++17 \
// RUN:   -verify=expected,dll -verify-ignore-unexpected=note %s -analyzer-config shutdown:AssumeDll=true

#include <windows.h>
#include <thread>
#include <vector>

// The case study's shape: the destructor is the only stop.
class PolicyWorker {
public:
  static PolicyWorker &Instance() {
    static PolicyWorker Worker;
    return Worker;
  }
  void Start() {
    m_hThread = CreateThread(nullptr, 0, &ThreadProc, this, 0, nullptr);
  }

private:
  ~PolicyWorker() {
    WaitForSingleObject(m_hThread, INFINITE);
    // exe-warning@-1{{'PolicyWorker' has a static-storage instance and its thread 'PolicyWorker::m_hThread' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown.SingletonThreadWithoutUninit]}}
    // dll-warning@-2{{'PolicyWorker' has a static-storage instance and its thread 'PolicyWorker::m_hThread' stops only during static teardown, under the loader lock; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown.SingletonThreadWithoutUninit]}}
  }
  static DWORD WINAPI ThreadProc(LPVOID) { return 0; }
  HANDLE m_hThread = nullptr;
};

// A thread object, stopped through a helper of the destructor.
class Telemetry {
public:
  Telemetry() : Worker([] {}) {}
  ~Telemetry() { stop(); }

private:
  void stop() {
    Worker.join(); // expected-warning{{'Telemetry' has a static-storage instance and its thread 'Telemetry::Worker' stops only during static teardown}}
  }
  std::thread Worker;
};
static Telemetry TheTelemetry;

// A pool: its threads, joined in a range-for over the member.
class Pool {
public:
  explicit Pool(int N) {
    for (int I = 0; I < N; ++I)
      Threads.emplace_back([] {});
  }
  ~Pool() {
    for (std::thread &T : Threads)
      T.join(); // expected-warning{{'Pool' has a static-storage instance and its thread 'Pool::Threads' stops only during static teardown}}
  }

private:
  std::vector<std::thread> Threads;
};
static Pool ThePool(4);

//===--- Negatives ----------------------------------------------------------===//

// An explicit stop that ordinary code can call.
class WithUnInit {
public:
  WithUnInit() : T([] {}) {}
  void UnInit() {
    if (T.joinable())
      T.join();
  }
  ~WithUnInit() { UnInit(); }

private:
  std::thread T;
};
static WithUnInit TheService;

// Destroyed only in ordinary code.
class Local {
public:
  Local() : T([] {}) {}
  ~Local() { T.join(); }

private:
  std::thread T;
};
void work() { Local L; }

// The destructor's path never reaches the join: the thread was detached.
class Detached {
public:
  Detached() : T([] {}) {}
  ~Detached() {
    T.detach();
    if (T.joinable())
      T.join();
  }

private:
  std::thread T;
};
static Detached TheDetached;

extern "C" __declspec(dllexport) void Start() {
  PolicyWorker::Instance().Start();
}
