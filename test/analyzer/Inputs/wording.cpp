// Findings that clang-tidy's checks and the analyzer's checkers both see,
// with the same context: their messages must be the same
// (test/analyzer/wording.test).
#include <windows.h>
#include <stdlib.h>
#include <thread>

static DWORD WINAPI Proc(LPVOID) { return 0; }
static HANDLE g_hWorker, g_hLogger;
static std::thread g_indexer;

BOOL WINAPI DllMain(HINSTANCE, DWORD fdwReason, LPVOID lpvReserved) {
  if (fdwReason == DLL_PROCESS_DETACH) {
    if (lpvReserved != nullptr)
      WaitForSingleObject(g_hLogger, INFINITE);
    else
      WaitForSingleObject(g_hWorker, INFINITE);
  }
  if (fdwReason == DLL_THREAD_DETACH)
    g_indexer.join();
  return TRUE;
}

class Telemetry {
public:
  Telemetry() : Worker([] {}) {}
  ~Telemetry() { Worker.join(); }

private:
  std::thread Worker;
};
static Telemetry TheTelemetry;

class Poller {
public:
  Poller() : Loop([] {}) {}
  ~Poller() {}

private:
  std::jthread Loop;
};
static Poller ThePoller;

static HANDLE g_hUploader;
static void stopUploader() { WaitForSingleObject(g_hUploader, INFINITE); }

extern "C" __declspec(dllexport) void Start() {
  g_hWorker = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
  g_hLogger = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
  g_hUploader = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
  g_indexer = std::thread([] {});
  atexit(stopUploader);
}

// A bounded wait, then TerminateThread: worded by its bound.
class Watchdog {
public:
  Watchdog() { H = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr); }
  ~Watchdog() {
    if (WaitForSingleObject(H, 2000) == WAIT_TIMEOUT)
      TerminateThread(H, 1);
  }

private:
  HANDLE H;
};
static Watchdog TheWatchdog;
