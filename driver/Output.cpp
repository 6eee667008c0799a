//===- Output.cpp - Files written whole, or not at all --------------------===//

#include "driver/Output.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace shutdown::driver {

Error writeAtomically(StringRef Path, function_ref<void(raw_ostream &)> Write) {
  Error E = writeToOutput(Path, [&](raw_ostream &OS) -> Error {
    Write(OS);
    OS.flush();
    // An error left on the stream would abort the process when it closes.
    if (OS.get_kind() != raw_ostream::OStreamKind::OK_FDStream)
      return Error::success();
    auto &FD = static_cast<raw_fd_ostream &>(OS);
    if (FD.has_error()) {
      std::error_code EC = FD.error();
      FD.clear_error();
      return errorCodeToError(EC);
    }
    return Error::success();
  });
  // writeToOutput names the file; callers name it their own way.
  return handleErrors(std::move(E), [](const FileError &F) {
    return createStringError(inconvertibleErrorCode(),
                             F.messageWithoutFileInfo());
  });
}

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
  if (!sys::fs::status(Path, Status) && sys::fs::exists(Status)) {
    if (Status.type() == sys::fs::file_type::directory_file)
      return cannotWrite(Path, "it is a directory");
    if (Status.type() != sys::fs::file_type::regular_file) {
      O.Device = true;
      return std::move(O);
    }
  }
  // Say which of the directory's problems it is, rather than the errno of
  // the temporary file's creation alone.
  SmallString<256> Dir(sys::path::parent_path(Path));
  if (Dir.empty())
    Dir = ".";
  if (!sys::fs::exists(Dir))
    return cannotWrite(Path, "its directory '" + Dir + "' does not exist");
  if (!sys::fs::is_directory(Dir))
    return cannotWrite(Path, "'" + Dir + "' is not a directory");
  if (sys::fs::access(Dir, sys::fs::AccessMode::Write))
    return cannotWrite(Path, "permission denied: no file can be created in '" +
                                 Dir + "'");
  // A temporary file beside it, made and removed: what writeAtomically will
  // need at the end.
  Expected<sys::fs::TempFile> Probe =
      sys::fs::TempFile::create(Path + ".tmp-%%%%%%%%");
  if (!Probe)
    return cannotWrite(Path, toString(Probe.takeError()));
  if (Error E = Probe->discard())
    return cannotWrite(Path, toString(std::move(E)));
  return std::move(O);
}

Error Output::write(StringRef Text) {
  if (Path.empty() || Path == "-") {
    outs() << Text;
    outs().flush();
    return Error::success();
  }
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
  if (Error E = writeAtomically(Path, [&](raw_ostream &OS) { OS << Text; }))
    return cannotWrite(Path, toString(std::move(E)));
  return Error::success();
}

} // namespace shutdown::driver
