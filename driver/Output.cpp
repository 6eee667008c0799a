//===- Output.cpp - Where the report goes, never half-written -------------===//

#include "driver/Output.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace shutdown::driver {

static Error cannotWrite(StringRef Path, const Twine &Why) {
  return createStringError(inconvertibleErrorCode(), "cannot write '%s': %s",
                           Path.str().c_str(), Why.str().c_str());
}

Expected<Output> Output::open(StringRef Path) {
  Output O;
  O.Path = Path.str();
  if (Path.empty() || Path == "-")
    return std::move(O);
  // A device or a FIFO (-o /dev/null, -o /dev/stderr) is written in place:
  // renaming a temporary file over it would replace it.
  sys::fs::file_status Status;
  if (!sys::fs::status(Path, Status) && sys::fs::exists(Status) &&
      Status.type() != sys::fs::file_type::regular_file) {
    O.Device = true;
    return std::move(O);
  }
  Expected<sys::fs::TempFile> T =
      sys::fs::TempFile::create(Path + ".tmp-%%%%%%%%");
  if (!T)
    return cannotWrite(Path, toString(T.takeError()));
  O.Temp.emplace(std::move(*T));
  return std::move(O);
}

Error Output::write(StringRef Text) {
  if (Device) {
    std::error_code EC;
    raw_fd_ostream OS(Path, EC, sys::fs::OF_Append);
    if (!EC) {
      OS << Text;
      OS.flush();
      EC = OS.error();
      OS.clear_error();
    }
    return EC ? cannotWrite(Path, EC.message()) : Error::success();
  }
  if (!Temp) {
    outs() << Text;
    outs().flush();
    return Error::success();
  }
  raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
  OS << Text;
  OS.flush();
  if (OS.has_error()) {
    std::error_code EC = OS.error();
    OS.clear_error();
    consumeError(discard());
    return cannotWrite(Path, EC.message());
  }
  Error E = Temp->keep(Path);
  Temp.reset();
  if (E)
    return cannotWrite(Path, toString(std::move(E)));
  return Error::success();
}

Error Output::discard() {
  if (!Temp)
    return Error::success();
  Error E = Temp->discard();
  Temp.reset();
  return E;
}

Output::~Output() { consumeError(discard()); }

} // namespace shutdown::driver
