#include "policy_worker.h"
#include <process.h>

PolicyWorker &PolicyWorker::Instance() {
  static PolicyWorker Worker; // A function-local static: destroyed at unload.
  return Worker;
}

bool PolicyWorker::Start() {
  if (m_hThread)
    return true;
  m_hStopEvent = CreateEventW(nullptr, FALSE, FALSE, nullptr);
  m_hThread = reinterpret_cast<HANDLE>(
      _beginthreadex(nullptr, 0, &PolicyWorker::ThreadProc, this, 0, nullptr));
  return m_hThread != nullptr;
}

void PolicyWorker::Post(int Item) { InterlockedAdd(&m_Pending, Item); }

unsigned __stdcall PolicyWorker::ThreadProc(void *Self) {
  static_cast<PolicyWorker *>(Self)->Run();
  return 0; // Returning runs _endthreadex: thread exit needs the loader lock.
}

void PolicyWorker::Run() {
  while (WaitForSingleObject(m_hStopEvent, 100) == WAIT_TIMEOUT)
    InterlockedExchange(&m_Pending, 0);
}

PolicyWorker::~PolicyWorker() {
  // Runs inside DllMain(DLL_PROCESS_DETACH) when the host calls FreeLibrary.
  SetEvent(m_hStopEvent);
  WaitForSingleObject(m_hThread, INFINITE); // Never returns: deadlock.
  CloseHandle(m_hThread);
  CloseHandle(m_hStopEvent);
}
