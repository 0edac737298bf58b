# Builds the Windows installer from a clean checkout:
#   powershell -ExecutionPolicy Bypass -File installer\build.ps1
#
# Needs: Python 3.11 (x64), uv on PATH (`py -m pip install uv`), Inno Setup 6.7.1 or later.
# Steps: uv sync (locked) -> pyinstaller build.spec -> bundle size and self-test -> [sign the
# programs] -> iscc (signs Setup and its uninstaller when a certificate is given) -> SHA-256.
#
# Signing is optional, and happens only when one of these names a certificate:
#   AUTHEN_DESK_SIGN_THUMBPRINT   SHA-1 thumbprint of a certificate in the Windows store
#                                 (hardware tokens / EV certificates live there)
#   AUTHEN_DESK_SIGN_PFX          path to a .pfx file, with AUTHEN_DESK_SIGN_PASSWORD; it is
#                                 imported into the user's certificate store first, so no
#                                 password ever appears on a command line or in a log
#   AUTHEN_DESK_SIGN_TIMESTAMP    RFC 3161 timestamp server URL (recommended: signatures
#                                 then stay valid after the certificate expires)
# Without them the build is UNSIGNED, says so, and still works (SmartScreen will warn).
# Other settings: ISCC (path to ISCC.exe), SIGNTOOL (path to signtool.exe).

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    Write-Host ">> $Exe $($Arguments -join ' ')"
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe failed with exit code $LASTEXITCODE" }
}

function Find-Tool([string]$EnvName, [string]$Name, [string[]]$Candidates) {
    $fromEnv = [Environment]::GetEnvironmentVariable($EnvName)
    if ($fromEnv) { return $fromEnv }
    $onPath = Get-Command $Name -ErrorAction SilentlyContinue
    if ($onPath) { return $onPath.Source }
    foreach ($candidate in $Candidates) {
        $found = Get-ChildItem -Path $candidate -ErrorAction SilentlyContinue | Select-Object -Last 1
        if ($found) { return $found.FullName }
    }
    throw "$Name not found: install it or set $EnvName"
}

# The signtool arguments for one certificate (thumbprint), or $null for an unsigned build.
function Get-SignArguments {
    $thumbprint = $env:AUTHEN_DESK_SIGN_THUMBPRINT
    if (-not $thumbprint -and $env:AUTHEN_DESK_SIGN_PFX) {
        $password = ConvertTo-SecureString $env:AUTHEN_DESK_SIGN_PASSWORD -AsPlainText -Force
        $cert = Import-PfxCertificate -FilePath $env:AUTHEN_DESK_SIGN_PFX `
            -CertStoreLocation Cert:\CurrentUser\My -Password $password
        $thumbprint = $cert.Thumbprint
    }
    if (-not $thumbprint) { return $null }
    $arguments = @('sign', '/fd', 'SHA256', '/d', 'Authen Desk', '/sha1', $thumbprint)
    if ($env:AUTHEN_DESK_SIGN_TIMESTAMP) {
        $arguments += @('/tr', $env:AUTHEN_DESK_SIGN_TIMESTAMP, '/td', 'SHA256')
    } else {
        Write-Warning "no AUTHEN_DESK_SIGN_TIMESTAMP: the signature ends with the certificate"
    }
    return ,$arguments
}

$SignArguments = Get-SignArguments
if ($SignArguments) {
    $SignTool = Find-Tool 'SIGNTOOL' 'signtool.exe' @(
        "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe")
} else {
    Write-Warning "UNSIGNED build: no AUTHEN_DESK_SIGN_THUMBPRINT or AUTHEN_DESK_SIGN_PFX"
}

function Invoke-Sign([string[]]$Files) {
    if (-not $SignArguments) { return }
    Invoke-Checked $SignTool ($SignArguments + $Files)
    Invoke-Checked $SignTool (@('verify', '/pa') + $Files)
}

# 1. The locked environment (dev group included: it holds pyinstaller).
Invoke-Checked 'uv' @('sync', '--locked')

# 2. The version: pyproject.toml is the only place it is written.
$Version = (& uv run --locked python -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])").Trim()
if ($LASTEXITCODE -ne 0 -or -not $Version) { throw "could not read the version from pyproject.toml" }
# Windows' version resources hold four numbers: 0.2.0rc1 -> 0.2.0.301 (scripts/version_info.py).
$VersionNumeric = (& uv run --locked python scripts/version_info.py --numeric).Trim()
if ($LASTEXITCODE -ne 0 -or -not $VersionNumeric) { throw "the version has no numeric form" }
Write-Host "Authen Desk $Version ($VersionNumeric)"

# 3. The one-folder bundle: dist\authen-desk\ (authen-desk.exe + authen-desk-debug.exe).
Invoke-Checked 'uv' @('run', '--locked', 'pyinstaller', '--noconfirm', '--clean', 'build.spec')
$Bundle = Join-Path $Root 'dist\authen-desk'

# 4. Its size (target: 130 MiB at most), then it checks itself before it is packed
#    (WARNING lines do not fail it).
$BundleMiB = (Get-ChildItem -Path $Bundle -Recurse -File | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ("bundle size: {0:N1} MiB (target <= 130 MiB)" -f $BundleMiB)
if ($BundleMiB -gt 130) { throw "the bundle is larger than 130 MiB" }
Invoke-Checked (Join-Path $Bundle 'authen-desk-debug.exe') @('--self-test')

# 5. Sign the programs inside the installer, then build it.
Invoke-Sign @((Join-Path $Bundle 'authen-desk.exe'), (Join-Path $Bundle 'authen-desk-debug.exe'))
$Iscc = Find-Tool 'ISCC' 'ISCC.exe' @(
    "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
    "${env:ProgramFiles(x86)}\Inno Setup 7\ISCC.exe", "$env:ProgramFiles\Inno Setup 7\ISCC.exe")
$IsccArguments = @("/DAppVersion=$Version", "/DVersionNumeric=$VersionNumeric")
if ($SignArguments) {
    # Inno Setup signs Setup and the uninstaller inside it (SignTool + SignedUninstaller):
    # the sign tool `authendesk`, $f being the file it hands over.
    $quoted = ($SignArguments | ForEach-Object { if ($_ -match '\s') { "`$q$_`$q" } else { $_ } }) -join ' '
    $IsccArguments += @('/DSign', "/Sauthendesk=`$q$SignTool`$q $quoted `$f")
}
Invoke-Checked $Iscc ($IsccArguments + @('installer\authen-desk.iss'))
$Setup = Join-Path $Root "dist\installer\authen-desk-setup-$Version.exe"
if ($SignArguments) { Invoke-Checked $SignTool @('verify', '/pa', $Setup) }
else { Write-Warning "UNSIGNED installer: $Setup" }

# 6. The checksum clinic IT compares before running the installer (README).
$Hash = (Get-FileHash -Algorithm SHA256 -Path $Setup).Hash.ToLowerInvariant()
"$Hash  $(Split-Path -Leaf $Setup)" | Set-Content -Encoding ascii -Path "$Setup.sha256"
Write-Host "installer: $Setup"
Write-Host "SHA-256:   $Hash"
