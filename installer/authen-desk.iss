; Authen Desk — Windows installer (Inno Setup 6.7.1 or later: the first with Thai built in).
;
; Built by installer\build.ps1, which passes the version read from pyproject.toml and its
; numeric form for the Windows version resource (scripts/version_info.py: 0.2.0rc1 ->
; 0.2.0.301, 0.2.0 -> 0.2.0.1000):
;   iscc /DAppVersion=0.1.0 /DVersionNumeric=0.1.0.1000 installer\authen-desk.iss
; Packs the PyInstaller folder dist\authen-desk\ (build.spec) into dist\installer\.
;
; Signing (optional): build.ps1 passes /DSign and the sign tool `authendesk`
; (/Sauthendesk=...), which signs Setup and the uninstaller inside it (SignedUninstaller).
; Without /DSign the installer is unsigned and the compiler says so.
;
; Smoke mode (installer/wine-smoke.sh, Linux CI): /DSmoke accepts an older compiler (the
; npm package `innosetup` has 6.4) and a stand-in Thai messages file (/DThaiMessages=...,
; a copy of Default.isl). Only a release build (no /DSmoke) is ever shipped, and it
; demands 6.7.1.
;
; Per-machine install (Program Files, needs an administrator). Creates the machine-wide
; folder %ProgramData%\AuthenDesk, writable by every user of the PC (the shared PIN
; failure counts). Refuses to install or uninstall while the program runs, in any session
; and under any account (AppMutex: the program holds Global\AuthenDeskRunning with a
; security descriptor that lets everyone SYNCHRONIZE, app\single_instance.py). Uninstall
; keeps all data unless the person uninstalling ticks the box, which deletes the
; machine-wide folder only: each Windows user's own data and tokens stay with that user.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z /DVersionNumeric=X.Y.Z.N (installer\build.ps1)
#endif
#ifndef VersionNumeric
  #error Pass the numeric version: /DVersionNumeric=X.Y.Z.N (scripts/version_info.py)
#endif
#ifndef DistDir
  #define DistDir "..\dist\authen-desk"
#endif
#ifdef Smoke
  #pragma message "SMOKE BUILD (installer/wine-smoke.sh): not for release"
#else
  #if Ver < EncodeVer(6, 7, 1)
    #error Inno Setup 6.7.1 or later is needed (official Thai translation); /DSmoke is for the CI smoke test only
  #endif
  #ifdef ThaiMessages
    #error ThaiMessages (a stand-in Thai file) is for /DSmoke builds only
  #endif
#endif
#ifndef ThaiMessages
  #define ThaiMessages "compiler:Languages\Thai.isl"
#endif
#ifdef Sign
  #pragma message "Signing Setup and the uninstaller with the sign tool authendesk"
#else
  #pragma message "UNSIGNED build: no certificate given (installer\build.ps1: AUTHEN_DESK_SIGN_*)"
#endif

#define AppName "Authen Desk"
#define AppExe "authen-desk.exe"
#define DebugExe "authen-desk-debug.exe"
; The mutex names app\single_instance.py creates (MUTEX_NAMES); the Global\ one is seen
; from every session and account (its security descriptor lets everyone SYNCHRONIZE).
#define AppMutexNames "AuthenDeskRunning,Global\AuthenDeskRunning"
#define AgentService "NHSOSecureSmartCardAgent"

[Setup]
; Never change AppId: Windows and Setup recognise upgrades and the uninstaller by it.
AppId={{DDBA477F-5FA9-4AA6-9F08-C370B52E569E}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Authen Desk
VersionInfoVersion={#VersionNumeric}
VersionInfoProductTextVersion={#AppVersion}
VersionInfoCompany=Authen Desk
VersionInfoDescription={#AppName} Setup
VersionInfoProductName={#AppName}
AppMutex={#AppMutexNames}
PrivilegesRequired=admin
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs the ICU that Windows 10 1809 (build 17763) and later ship.
MinVersion=10.0.17763
SetupIconFile=..\resources\icons\authen-desk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputDir=..\dist\installer
OutputBaseFilename=authen-desk-setup-{#AppVersion}
; Thai first: picked when Windows' display language is Thai, and when nothing matches.
ShowLanguageDialog=auto
LanguageDetectionMethod=uilanguage
#ifdef Sign
SignTool=authendesk
SignedUninstaller=yes
#endif

[Languages]
Name: "th"; MessagesFile: "{#ThaiMessages}"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
th.ShortcutName=Authen Desk ยืนยันตัวตน สปสช.
en.ShortcutName=Authen Desk
th.SelfTestName=ตรวจการติดตั้ง Authen Desk
en.SelfTestName=Check the Authen Desk installation
th.AgentMissing=ไม่พบบริการ {#AgentService} (NHSO Secure SmartCard Agent) บนเครื่องนี้%n%nติดตั้งต่อได้ แต่การขอ Claim Code ต้องใช้โปรแกรมนี้ของ สปสช. ติดตั้งและเปิดบริการก่อนใช้งานจริง (โหมดสาธิตใช้ได้โดยไม่ต้องมี)
en.AgentMissing=The {#AgentService} service (NHSO Secure SmartCard Agent) is not installed on this PC.%n%nSetup can go on, but claim codes need NHSO's agent: install and start it before real use (the demo works without it).
th.RemoveDataTitle=ถอนการติดตั้ง Authen Desk
en.RemoveDataTitle=Uninstall Authen Desk
th.RemoveDataText=ข้อมูลกลางของเครื่อง (%ProgramData%\AuthenDesk: จำนวนครั้งที่ใส่ PIN ผิดของบัตรเจ้าหน้าที่) จะถูกเก็บไว้ เว้นแต่เลือกช่องด้านล่าง เลือกเมื่อไม่มีบัตรใดที่ใส่ PIN ผิดค้างอยู่เท่านั้น%n%nข้อมูลของผู้ใช้ Windows แต่ละคนอยู่กับผู้ใช้นั้นเสมอ ตัวถอนการติดตั้งไม่ลบ: ฐานข้อมูลการยืนยันตัวตน บันทึก และการตั้งค่าใน %LOCALAPPDATA%\authen-desk และ Token สปสช. ใน Windows Credential Manager ของผู้ใช้แต่ละคน (ลบเองก่อนถอนการติดตั้ง: authen-desk-debug token clear authen)
en.RemoveDataText=The machine-wide data (%ProgramData%\AuthenDesk: the staff cards' wrong-PIN counts) is kept unless you tick the box below. Tick it only when no card has wrong PINs outstanding.%n%nEach Windows user's own data stays with that user; the uninstaller does not delete it: the authen database, logs and settings in %LOCALAPPDATA%\authen-desk, and the NHSO tokens in each user's Windows Credential Manager (each user removes them before the uninstall: authen-desk-debug token clear authen).
th.RemoveDataBox=ลบข้อมูลกลางของเครื่องด้วย
en.RemoveDataBox=Also delete the machine-wide data
th.UserDataKept=ข้อมูลและ Token ของผู้ใช้แต่ละคนยังอยู่ (%LOCALAPPDATA%\authen-desk และ Windows Credential Manager ของผู้ใช้นั้น)
en.UserDataKept=Each user's data and tokens stay (%LOCALAPPDATA%\authen-desk and that user's Windows Credential Manager).

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Dirs]
; The machine-wide folder: every user of the desk must be able to write the PIN counts.
Name: "{commonappdata}\AuthenDesk"; Permissions: users-modify; Flags: uninsneveruninstall

[InstallDelete]
; An upgrade must not keep the old version's libraries (python311.dll, _scard.pyd, Qt):
; the folder is the bundle's, nothing of the user's is in it.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{cm:ShortcutName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:SelfTestName}"; Filename: "{cmd}"; Parameters: "/k """"{app}\{#DebugExe}"" --self-test"""; WorkingDir: "{app}"
Name: "{autodesktop}\{cm:ShortcutName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
var
  RemoveData: Boolean;

function InitializeSetup(): Boolean;
begin
  { A warning, not a failure: the agent may be installed after us. }
  if not RegKeyExists(HKLM, 'SYSTEM\CurrentControlSet\Services\{#AgentService}') then
  begin
    Log('{#AgentService} service not found');
    if not WizardSilent() then
      MsgBox(CustomMessage('AgentMissing'), mbInformation, MB_OK);
  end;
  Result := True;
end;

{ A small form with one unticked box: keeping the data is what happens by default. }
function AskRemoveData(): Boolean;
var
  Form: TSetupForm;
  Text: TNewStaticText;
  Box: TNewCheckBox;
  Button: TNewButton;
begin
#if Ver < EncodeVer(6, 7, 0)
  { Smoke builds only (older compiler): CreateCustomForm took no size then. }
  Form := CreateCustomForm();
  Form.ClientWidth := ScaleX(480);
  Form.ClientHeight := ScaleY(300);
#else
  Form := CreateCustomForm(ScaleX(480), ScaleY(300), False, False);
#endif
  try
    Form.Caption := CustomMessage('RemoveDataTitle');
    Text := TNewStaticText.Create(Form);
    Text.Parent := Form;
    Text.Left := ScaleX(16);
    Text.Top := ScaleY(16);
    Text.Width := Form.ClientWidth - ScaleX(32);
    Text.WordWrap := True;
    Text.Caption := CustomMessage('RemoveDataText');
    Box := TNewCheckBox.Create(Form);
    Box.Parent := Form;
    Box.Left := ScaleX(16);
    Box.Top := Text.Top + Text.Height + ScaleY(12);
    Box.Width := Form.ClientWidth - ScaleX(32);
    Box.Caption := CustomMessage('RemoveDataBox');
    Box.Checked := False;
    Button := TNewButton.Create(Form);
    Button.Parent := Form;
    Button.Width := ScaleX(90);
    Button.Height := ScaleY(26);
    Form.ClientHeight := Box.Top + Box.Height + Button.Height + ScaleY(36);
    Button.Left := Form.ClientWidth - Button.Width - ScaleX(16);
    Button.Top := Form.ClientHeight - Button.Height - ScaleY(12);
    Button.Caption := SetupMessage(msgButtonOK);
    Button.ModalResult := mrOk;
    Button.Default := True;
    Form.ActiveControl := Button;
    Result := (Form.ShowModal() = mrOk) and Box.Checked;
  finally
    Form.Free();
  end;
end;

function InitializeUninstall(): Boolean;
begin
  { Silent uninstalls (IT's scripts) always keep the data. }
  RemoveData := (not UninstallSilent()) and AskRemoveData();
  Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  { The uninstaller runs elevated, often as another (administrator) account: the user
    folders and Credential Manager it could reach are that account's, not the desk users'.
    So only the machine-wide folder goes; each user's data and tokens stay theirs. }
  if CurUninstallStep = usPostUninstall then
  begin
    if RemoveData then
    begin
      Log('deleting the machine-wide data: ' + ExpandConstant('{commonappdata}\AuthenDesk'));
      DelTree(ExpandConstant('{commonappdata}\AuthenDesk'), True, True, True);
    end;
    Log(CustomMessage('UserDataKept'));
    if not UninstallSilent() then
      MsgBox(CustomMessage('UserDataKept'), mbInformation, MB_OK);
  end;
end;
