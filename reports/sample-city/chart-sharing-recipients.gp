# sharing-recipients: Who receives this agency's detections, and who sends theirs
# Re-run in this folder with: gnuplot chart-sharing-recipients.gp
set terminal svg size 900,600 fixed noenhanced font 'DejaVu Sans,17' background rgb 'white'
set output 'chart-sharing-recipients.svg'
set title "Who receives this agency's detections, and who sends theirs\nSample City ALPR program, 2025, 2025-01-01 to 2025-12-31"
set border 3
set tics nomirror
set grid ytics lc rgb '#dddddd'
set key off
set ylabel 'organizations'
set yrange [0:55.5]
set xrange [-0.6:5.6]
set style fill solid 0.85 border -1
set boxwidth 0.36
set key tmargin right vertical samplen 1.5
set xtics rotate by 20 right
set bmargin 6
set label 1 "Federal and immigration recipients:\n[Federal] U.S. Border Patrol - Del Rio Sector (immigration)\n[Federal] Homeland Security Investigations - San Antonio (imm...\n[Federal] Federal Bureau of Investigation (FBI)\n[Federal] US Postal Inspection Service\n[Federal] Bureau of Alcohol, Tobacco, Firearms and Explosives...\n[Federal] Drug Enforcement Administration - Houston Division\n[Federal] US Marshals Service - Western District of Texas\n[Federal] Fort Cavazos TX Army CID" at graph 0.02, graph 0.97 left front
set xtics ("federal agencies" 0, "of which immigration" 1, "agencies of this state" 2, "agencies of other states" 3, "not public agencies" 4, "not classified" 5)
plot 'chart-sharing-recipients.dat' using ($0 - 0.19):2 with boxes lc rgb '#0072B2' title 'receive ours (outbound)', \
     '' using ($0 + 0.19):3 with boxes lc rgb '#E69F00' title 'send us theirs (inbound)', \
     '' using ($0 - 0.19):2:(sprintf('%.0f', $2)) with labels offset 0,0.7 notitle, \
     '' using ($0 + 0.19):3:(sprintf('%.0f', $3)) with labels offset 0,0.7 notitle
set terminal pngcairo size 900,600 noenhanced font 'DejaVu Sans,13' background rgb 'white'
set output 'chart-sharing-recipients.png'
replot
set output
