<#
.SYNOPSIS
  Installs the Canh Gac agent as a Windows service, enrols it and starts it.
.DESCRIPTION
  Run from an elevated PowerShell in the unpacked zip. Needs a Java 21 or newer runtime (-JavaHome,
  else JAVA_HOME) and WinSW-x64.exe (v2.12 or newer, -WinSW): neither can be bundled by this build
  (see README.md, "Windows"). Idempotent: an existing service is stopped, updated and started again;
  an enrolled agent is not enrolled again. UNTESTED on Windows in this project's CI.
.EXAMPLE
  .\Install-CanhGacAgent.ps1 -Server canhgac.example.invalid:7444 -Token cg1.... -WinSW C:\Tools\WinSW-x64.exe
#>
[CmdletBinding()]
param(
  [string] $Server,
  [string] $Token,
  [Parameter(Mandatory = $true)] [string] $WinSW,
  [string] $JavaHome = $env:JAVA_HOME,
  [string] $InstallDir = (Join-Path $env:ProgramFiles 'CanhGac\agent')
)
$ErrorActionPreference = 'Stop'

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
  throw 'Run this script from an elevated PowerShell (Run as administrator).'
}
if (-not $JavaHome) { throw 'No Java runtime: pass -JavaHome C:\path\to\jre (Java 21 or newer) or set JAVA_HOME.' }
$java = Join-Path $JavaHome 'bin\java.exe'
if (-not (Test-Path $java)) { throw "$java does not exist: -JavaHome must point at a Java 21+ runtime." }
$versionLine = (& $java -XshowSettings:properties -version 2>&1 | Select-String 'java.specification.version').ToString()
$major = [int](($versionLine -split '=')[1].Trim() -split '\.')[0]
if ($major -lt 21) { throw "$java is Java $major; the agent needs Java 21 or newer." }
if (-not (Test-Path $WinSW)) { throw "$WinSW does not exist: pass the path of WinSW-x64.exe." }

$source = $PSScriptRoot
$data = Join-Path $env:ProgramData 'CanhGac'
$state = Join-Path $data 'agent'
New-Item -ItemType Directory -Force -Path $InstallDir, $data, $state, (Join-Path $data 'logs') | Out-Null
# Keys and the outbox: SYSTEM and Administrators only.
icacls $state /inheritance:r /grant:r 'SYSTEM:(OI)(CI)F' 'Administrators:(OI)(CI)F' | Out-Null

$service = Get-Service -Name 'canhgac-agent' -ErrorAction SilentlyContinue
if ($service -and $service.Status -ne 'Stopped') { Stop-Service -Name 'canhgac-agent' }

Copy-Item -Recurse -Force (Join-Path $source 'lib') $InstallDir
Copy-Item -Force (Join-Path $source 'jvm.options') $InstallDir
$config = Join-Path $data 'agent.yaml'
if (-not (Test-Path $config)) { Copy-Item (Join-Path $source 'agent.yaml') $config }
$wrapper = Join-Path $InstallDir 'canhgac-agent-service.exe'
Copy-Item -Force $WinSW $wrapper
(Get-Content (Join-Path $source 'canhgac-agent-service.xml') -Raw).Replace('%JAVA%', $java) |
  Set-Content -Encoding UTF8 (Join-Path $InstallDir 'canhgac-agent-service.xml')

$agent = @('@' + (Join-Path $InstallDir 'jvm.options'), '-cp', (Join-Path $InstallDir 'lib\*'), 'vn.canhgac.agent.cli.AgentMain')
if (-not (Test-Path (Join-Path $state 'enrollment.yaml'))) {
  if ($Server -and $Token) {
    # The token goes through a file only SYSTEM and Administrators can read, not the command line.
    $arguments = Join-Path $state 'enroll.args'
    Set-Content -Encoding ASCII -Path $arguments -Value @('--server', $Server, '--token', $Token)
    try {
      & $java @agent enroll --config $config "@$arguments"
      if ($LASTEXITCODE -ne 0) { throw "Enrolment failed (exit $LASTEXITCODE); see the message above." }
    } finally {
      Remove-Item -Force $arguments
    }
  } else {
    Write-Warning 'Not enrolled: run this script again with -Server HOST:7444 -Token TOKEN.'
  }
}

if (-not $service) { & $wrapper install; if ($LASTEXITCODE -ne 0) { throw "WinSW install failed (exit $LASTEXITCODE)." } }
if (Test-Path (Join-Path $state 'enrollment.yaml')) {
  Start-Service -Name 'canhgac-agent'
  Write-Host 'canhgac-agent is installed, enrolled and running.'
}
