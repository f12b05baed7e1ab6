; Inno Setup 6 script: the Windows installer of Qunguan (x64), from the PyInstaller one-folder
; build. packaging/build runs it on Windows when ISCC is on the PATH, with the version of
; pyproject.toml and the build's paths:
;   iscc /DAppVersion=X.Y.Z /DAppVersionNumeric=X.Y.Z.0 /DSourceDir=build\packaging\dist\qunguan
;        /DStageDir=build\packaging\stage /DOutputDir=dist packaging\windows\qunguan.iss
; The version is never written here: it comes from pyproject.toml through packaging/builder.py.

#ifndef AppVersion
  #error AppVersion is not defined: build with packaging/build, which reads it from pyproject.toml
#endif
#ifndef AppVersionNumeric
  #define AppVersionNumeric "0.0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\build\packaging\dist\qunguan"
#endif
#ifndef StageDir
  #define StageDir "..\..\build\packaging\stage"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
; The AppId identifies Qunguan for upgrades and uninstallation: never change it.
AppId={{4C5E2A71-9B3D-4E8F-A6D2-7F1C3B8E0A59}
AppName=Qunguan
AppVerName=Qunguan {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=Qunguan developers
AppCopyright=Qunguan developers, Apache-2.0
VersionInfoVersion={#AppVersionNumeric}
VersionInfoProductVersion={#AppVersionNumeric}
VersionInfoProductTextVersion={#AppVersion}
DefaultDirName={autopf}\Qunguan
DefaultGroupName=Qunguan
DisableProgramGroupPage=yes
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=qunguan-{#AppVersion}-setup
SetupIconFile={#StageDir}\icons\qunguan.ico
UninstallDisplayIcon={app}\qunguan.exe
UninstallDisplayName=Qunguan {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; the whole one-folder build: qunguan.exe (windowed), qunguan-cli.exe (console) and _internal\
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Qunguan"; Filename: "{app}\qunguan.exe"; Comment: "Group moderation workstation"
Name: "{autoprograms}\Qunguan demo"; Filename: "{app}\qunguan.exe"; Parameters: "--demo"
Name: "{autodesktop}\Qunguan"; Filename: "{app}\qunguan.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\qunguan.exe"; Description: "{cm:LaunchProgram,Qunguan}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; bytecode Python may have written beside the migration scripts
Type: filesandordirs; Name: "{app}\_internal\qunguan\server\migrations\__pycache__"
Type: filesandordirs; Name: "{app}\_internal\qunguan\server\migrations\versions\__pycache__"
Type: filesandordirs; Name: "{app}\_internal\qunguan\client\migrations\__pycache__"
Type: filesandordirs; Name: "{app}\_internal\qunguan\client\migrations\versions\__pycache__"
