; Authen Desk — Windows installer (Inno Setup 6.7.1 or later: the first with Thai built in).
;
; Built by installer\build.ps1, which passes the version read from pyproject.toml:
;   iscc /DAppVersion=0.1.0 installer\authen-desk.iss
; Packs the PyInstaller folder dist\authen-desk\ (build.spec) into dist\installer\.
;
; Per-machine install (Program Files, needs an administrator). Creates the machine-wide
; folder %ProgramData%\AuthenDesk, writable by every user of the PC (the shared PIN
; failure counts). Refuses to install or uninstall while the program runs (AppMutex: the
; program holds the mutex, app\single_instance.py). Uninstall keeps the users' data and
; keyring entries unless the person uninstalling ticks the box.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (installer\build.ps1 reads pyproject.toml)
#endif
#ifndef DistDir
  #define DistDir "..\dist\authen-desk"
#endif
#if Ver < EncodeVer(6, 7, 1)
  #error Inno Setup 6.7.1 or later is needed (official Thai translation)
#endif

#define AppName "Authen Desk"
#define AppExe "authen-desk.exe"
#define DebugExe "authen-desk-debug.exe"
; The mutex names app\single_instance.py creates (MUTEX_NAMES).
#define AppMutexNames "AuthenDeskRunning,Global\AuthenDeskRunning"
#define AgentService "NHSOSecureSmartCardAgent"

[Setup]
; Never change AppId: Windows and Setup recognise upgrades and the uninstaller by it.
AppId={{DDBA477F-5FA9-4AA6-9F08-C370B52E569E}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Authen Desk
VersionInfoVersion={#AppVersion}
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
MinVersion=10.0
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

[Languages]
Name: "th"; MessagesFile: "compiler:Languages\Thai.isl"
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
th.RemoveDataText=ข้อมูลของโปรแกรม (ฐานข้อมูลการยืนยันตัวตน บันทึก การตั้งค่า) ข้อมูลกลางของเครื่อง และ Token สปสช. ใน Windows Credential Manager จะถูกเก็บไว้ เว้นแต่เลือกช่องด้านล่าง (ลบได้เฉพาะของผู้ใช้ที่กำลังถอนการติดตั้ง)
en.RemoveDataText=The program's data (authen database, logs, settings), the machine-wide data and the NHSO tokens in Windows Credential Manager are kept unless you tick the box below (only the uninstalling user's own data and tokens can be removed).
th.RemoveDataBox=ลบข้อมูลและ Token ด้วย
en.RemoveDataBox=Also delete the data and tokens

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Dirs]
; The machine-wide folder: every user of the desk must be able to write the PIN counts.
Name: "{commonappdata}\AuthenDesk"; Permissions: users-modify; Flags: uninsneveruninstall

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
  Form := CreateCustomForm(ScaleX(440), ScaleY(170), False, False);
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

procedure ClearToken(const Kind: String);
var
  Code: Integer;
begin
  { The program's own command, so the keyring entry names live in one place. }
  if not Exec(ExpandConstant('{app}\{#DebugExe}'), 'token clear ' + Kind, '',
              SW_HIDE, ewWaitUntilTerminated, Code) then
    Log('token clear ' + Kind + ' could not run');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  { usUninstall comes before the files go: the program can still clear its tokens. }
  if (CurUninstallStep = usUninstall) and RemoveData then
  begin
    ClearToken('authen');
    ClearToken('close-claim');
    ClearToken('claim-13');
  end;
  if (CurUninstallStep = usPostUninstall) and RemoveData then
  begin
    DelTree(ExpandConstant('{localappdata}\authen-desk'), True, True, True);
    DelTree(ExpandConstant('{commonappdata}\AuthenDesk'), True, True, True);
  end;
end;
